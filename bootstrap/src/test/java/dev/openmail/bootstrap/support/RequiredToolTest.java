package dev.openmail.bootstrap.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RequiredToolTest {

    private static final RequiredTool NOWHERE = new RequiredTool("openmail-no-such-tool", "openmail-no-such-package");
    private static final RequiredTool ELSEWHERE = new RequiredTool("openmail-other-tool", "openmail-other-package");
    private static final String NOWHERE_ON_PATH =
            "openmail-no-such-tool not found on PATH: install the Debian package 'openmail-no-such-package'";

    @TempDir
    Path bin;

    @Test
    void anExecutableOnPathIsFound() throws IOException {
        Path tool = executable("openmail-no-such-tool");

        RequiredTool.require(Map.of("PATH", "/nonexistent:" + bin), NOWHERE);
        assertEquals(Optional.of(tool), NOWHERE.locate(Map.of("PATH", "/nonexistent:" + bin)));
    }

    @Test
    void aMissingToolSkipsTheTestWithAMessageNamingItsPackage() {
        RequiredTool.Missing skipped = assertThrows(RequiredTool.Missing.class,
                () -> RequiredTool.require(Map.of("PATH", bin.toString()), NOWHERE));

        assertEquals(NOWHERE_ON_PATH, skipped.getMessage());
        assertEquals("openmail-no-such-tool (apt-get install openmail-no-such-package)", skipped.tools());
    }

    @Test
    void aFileThatCannotBeRunIsNotTheTool() throws IOException {
        Files.writeString(bin.resolve("openmail-no-such-tool"), "#!/bin/sh\n");

        assertThrows(RequiredTool.Missing.class, () -> RequiredTool.require(Map.of("PATH", bin.toString()), NOWHERE));
    }

    @Test
    void withRequireToolsSetAMissingToolFailsTheTestWithTheSameMessage() {
        AssertionFailedError failed = assertThrows(AssertionFailedError.class, () -> RequiredTool.require(
                Map.of("PATH", bin.toString(), RequiredTool.REQUIRE_TOOLS, "1"), NOWHERE));

        assertEquals(NOWHERE_ON_PATH + " (a missing tool fails the test because OPENMAIL_REQUIRE_TOOLS is set)",
                failed.getMessage());
    }

    @Test
    void requireToolsSetToZeroFalseOrNothingStillSkips() {
        for (String off : new String[] {"", "0", "false", "FALSE"}) {
            assertThrows(RequiredTool.Missing.class, () -> RequiredTool.require(
                    Map.of("PATH", bin.toString(), RequiredTool.REQUIRE_TOOLS, off), NOWHERE), off);
        }
    }

    @Test
    void theToolsVariableNamesTheFileInsteadOfPath() throws IOException {
        Path tool = executable("openmail-no-such-tool");
        Path moved = Files.move(tool, bin.resolve("moved-tool"));

        assertEquals("OPENMAIL_TOOL_OPENMAIL_NO_SUCH_TOOL", NOWHERE.pathVariable());
        RequiredTool.require(Map.of("PATH", "", NOWHERE.pathVariable(), moved.toString()), NOWHERE);
        RequiredTool.Missing skipped = assertThrows(RequiredTool.Missing.class, () -> RequiredTool.require(
                Map.of("PATH", bin.toString(), NOWHERE.pathVariable(), "/nonexistent/tool"), NOWHERE));
        assertEquals("openmail-no-such-tool not found at /nonexistent/tool (OPENMAIL_TOOL_OPENMAIL_NO_SUCH_TOOL): "
                + "install the Debian package 'openmail-no-such-package'", skipped.getMessage());
    }

    @Test
    void everyMissingToolIsNamedInOneSkip() throws IOException {
        executable("openmail-present-tool");
        RequiredTool present = new RequiredTool("openmail-present-tool", "openmail-present-package");

        RequiredTool.Missing skipped = assertThrows(RequiredTool.Missing.class,
                () -> RequiredTool.require(Map.of("PATH", bin.toString()), NOWHERE, present, ELSEWHERE));

        assertEquals(NOWHERE_ON_PATH + "; openmail-other-tool not found on PATH: install the Debian package "
                + "'openmail-other-package'", skipped.getMessage());
        assertEquals("openmail-no-such-tool and openmail-other-tool "
                + "(apt-get install openmail-no-such-package openmail-other-package)", skipped.tools());
    }

    @Test
    void theSummaryIsOneLineWithTheCountsPerMissingTool() {
        Map<String, Long> skipped = new LinkedHashMap<>();
        skipped.put("chromium and chromedriver (apt-get install chromium chromium-driver)", 7L);
        skipped.put("swaks (apt-get install swaks)", 1L);

        assertEquals("[openmail] skipped 8 tests for missing tools: "
                + "7 need chromium and chromedriver (apt-get install chromium chromium-driver), "
                + "1 needs swaks (apt-get install swaks); set OPENMAIL_REQUIRE_TOOLS=1 to fail them instead",
                MissingToolsSummary.line(skipped));
    }

    private Path executable(String name) throws IOException {
        return Files.createFile(bin.resolve(name), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
    }
}
