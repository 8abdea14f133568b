package dev.openmail.bootstrap.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static java.util.stream.Collectors.joining;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The domain's and the application's messages reach the console as well as the REST API, so they name no route of
 * the HTTP API; the REST adapter adds its routes to the messages it answers with (ErrorCatalogue). Every string
 * constant of a class, including the pieces of a concatenated message, is in its class file, which is read here.
 */
class CoreNamesNoHttpRouteTest {

    private static final String ROUTE = "/v1";

    @Test
    void noStringOfTheDomainOrTheApplicationNamesARouteOfTheHttpApi() {
        JavaClasses core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.openmail.domain", "dev.openmail.application");
        List<JavaClass> classes = core.stream().toList();
        assertTrue(classes.size() > 100, () -> "only " + classes.size() + " classes of the core were imported");
        assertTrue(classes.stream().anyMatch(type -> classFile(type).contains("No inbox with id")),
                "the check reads the class files' strings");

        String offenders = classes.stream()
                .filter(type -> classFile(type).contains(ROUTE))
                .map(JavaClass::getName)
                .sorted()
                .collect(joining("\n  "));
        assertTrue(offenders.isEmpty(), () -> "These classes hold a string naming a route of the HTTP API ("
                + ROUTE + "); say what to do in the domain's words and let the REST adapter name the route:\n  "
                + offenders);
    }

    /** The class file as text: string constants are stored as UTF-8, so an ASCII route appears as written. */
    private static String classFile(JavaClass type) {
        Class<?> loaded = type.reflect();
        String resource = loaded.getName().substring(loaded.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = loaded.getResourceAsStream(resource)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
