package dev.openmail.bootstrap.support;

import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An operating-system program that a test drives, with the Debian package that provides it. A test requires its tools
 * before it starts them, so that {@code ./mvnw verify} on a machine with only a JDK skips that test, with a message
 * naming the package, instead of failing it. Where skipping must not hide anything (CI: {@code .ci/run}), the variable
 * {@value #REQUIRE_TOOLS} turns a missing tool into a failure with the same message.
 */
public record RequiredTool(String name, String debianPackage) {

    /** When set (to anything but empty, {@code 0} or {@code false}), a missing tool fails the test. */
    public static final String REQUIRE_TOOLS = "OPENMAIL_REQUIRE_TOOLS";

    public static final RequiredTool SWAKS = new RequiredTool("swaks", "swaks");
    public static final RequiredTool CHROMIUM = new RequiredTool("chromium", "chromium");
    public static final RequiredTool CHROMEDRIVER = new RequiredTool("chromedriver", "chromium-driver");
    public static final RequiredTool PYTHON3 = new RequiredTool("python3", "python3");
    public static final RequiredTool RSPAMD = new RequiredTool("rspamd", "rspamd");
    /** The database server a Galera cluster's nodes run (looked for in /usr/sbin too, where Debian puts it). */
    public static final RequiredTool MARIADBD = new RequiredTool("mariadbd", "mariadb-server");
    /** What a joining Galera node takes the cluster's state with. */
    public static final RequiredTool RSYNC = new RequiredTool("rsync", "rsync");
    /** The Galera replication library: a file, not a program, found where Debian's package puts it. */
    public static final RequiredTool GALERA = new RequiredTool("libgalera_smm.so", "galera-4");

    /** Where a tool is when it is not on PATH: Debian's folders for system programs and the Galera library. */
    private static final List<String> KNOWN_FOLDERS = List.of("/usr/sbin", "/sbin", "/usr/lib/galera", "/usr/lib");

    /** Skips the calling test, or fails it under {@value #REQUIRE_TOOLS}, unless all of {@code tools} are found. */
    public static void require(RequiredTool... tools) {
        require(System.getenv(), tools);
    }

    static void require(Map<String, String> environment, RequiredTool... tools) {
        List<RequiredTool> missing = Stream.of(tools).filter(tool -> tool.locate(environment).isEmpty()).toList();
        if (missing.isEmpty()) {
            return;
        }
        String message = missing.stream().map(tool -> tool.notFound(environment)).collect(Collectors.joining("; "));
        if (toolsRequired(environment)) {
            throw new AssertionFailedError(
                    message + " (a missing tool fails the test because " + REQUIRE_TOOLS + " is set)");
        }
        throw new Missing(message, missing);
    }

    /**
     * Skips the calling test because of {@code why}, something the machine lacks that is not a tool on PATH; fails it
     * instead under {@value #REQUIRE_TOOLS}.
     */
    public static void skipOrFail(String why) {
        if (toolsRequired(System.getenv())) {
            throw new AssertionFailedError(why + " (this fails the test because " + REQUIRE_TOOLS + " is set)");
        }
        throw new org.opentest4j.TestAbortedException(why);
    }

    /** The variable that names the tool's file instead of looking for it on PATH, e.g. OPENMAIL_TOOL_CHROMEDRIVER. */
    public String pathVariable() {
        return "OPENMAIL_TOOL_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The tool's executable; call {@link #require} first. */
    public Path path() {
        return locate(System.getenv()).orElseThrow(() -> new IllegalStateException(notFound(System.getenv())));
    }

    Optional<Path> locate(Map<String, String> environment) {
        String named = environment.get(pathVariable());
        Stream<Path> candidates = named != null && !named.isEmpty()
                ? Stream.of(Path.of(named))
                : Stream.concat(Stream.of(environment.getOrDefault("PATH", "").split(File.pathSeparator)),
                                KNOWN_FOLDERS.stream())
                        .filter(directory -> !directory.isEmpty())
                        .map(directory -> Path.of(directory, name));
        return candidates.filter(file -> Files.isRegularFile(file) && (name.endsWith(".so") || Files.isExecutable(file)))
                .findFirst();
    }

    private String notFound(Map<String, String> environment) {
        String named = environment.get(pathVariable());
        String where = named != null && !named.isEmpty() ? "at " + named + " (" + pathVariable() + ")" : "on PATH";
        return name + " not found " + where + ": install the Debian package '" + debianPackage + "'";
    }

    private static boolean toolsRequired(Map<String, String> environment) {
        String value = environment.getOrDefault(REQUIRE_TOOLS, "").trim();
        return !value.isEmpty() && !value.equals("0") && !value.equalsIgnoreCase("false");
    }

    /** The skip of a test whose tools are missing; {@link MissingToolsSummary} counts these. */
    public static final class Missing extends TestAbortedException {

        private static final long serialVersionUID = 1L;

        /** The missing tools and how to install them, e.g. "swaks (apt-get install swaks)". */
        private final String tools;

        Missing(String message, List<RequiredTool> missing) {
            super(message);
            this.tools = missing.stream().map(RequiredTool::name).collect(Collectors.joining(" and "))
                    + " (apt-get install "
                    + missing.stream().map(RequiredTool::debianPackage).collect(Collectors.joining(" ")) + ")";
        }

        public String tools() {
            return tools;
        }
    }
}
