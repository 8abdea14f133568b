package dev.openmail.adapters.extract;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The OCR tests' tool: {@code tesseract} from the Debian package {@value #PACKAGE} (with {@code tesseract-ocr-eng}).
 * Missing, it skips the test with a message naming the package, or fails it when OPENMAIL_REQUIRE_TOOLS is set, as
 * bootstrap's RequiredTool does.
 */
final class Tesseract {

    static final String PACKAGE = "tesseract-ocr";

    private Tesseract() {
    }

    static boolean installed() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, "tesseract"))
                .anyMatch(file -> Files.isRegularFile(file) && Files.isExecutable(file));
    }

    static void require() {
        if (installed()) {
            return;
        }
        String message = "tesseract not found on PATH: install the Debian package '" + PACKAGE + "'";
        String required = System.getenv().getOrDefault("OPENMAIL_REQUIRE_TOOLS", "").trim();
        if (!required.isEmpty() && !required.equals("0") && !required.equalsIgnoreCase("false")) {
            Assertions.fail(message + " (a missing tool fails the test because OPENMAIL_REQUIRE_TOOLS is set)");
        }
        Assumptions.abort(message);
    }
}
