package dev.openmail.bootstrap.support;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prints, at the end of a test run (one per module's Surefire run), one line with the tests skipped because a tool they
 * drive is missing, so that skips a console scrolled past are still seen. Registered in
 * META-INF/services/org.junit.platform.launcher.TestExecutionListener.
 */
public final class MissingToolsSummary implements TestExecutionListener {

    private final Map<String, Long> skippedByTools = new TreeMap<>();
    private TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        skippedByTools.clear();
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED
                && result.getThrowable().orElse(null) instanceof RequiredTool.Missing missing) {
            // A class skipped in @BeforeAll reports no finish for its tests: count them from the plan.
            long tests = identifier.isTest() ? 1
                    : plan.getDescendants(identifier).stream().filter(TestIdentifier::isTest).count();
            skippedByTools.merge(missing.tools(), tests, Long::sum);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (!skippedByTools.isEmpty()) {
            System.out.println(line(skippedByTools));
        }
    }

    static String line(Map<String, Long> skippedByTools) {
        long total = skippedByTools.values().stream().mapToLong(Long::longValue).sum();
        return "[openmail] skipped " + total + (total == 1 ? " test" : " tests") + " for missing tools: "
                + skippedByTools.entrySet().stream()
                        .map(entry -> entry.getValue() + (entry.getValue() == 1 ? " needs " : " need ")
                                + entry.getKey())
                        .collect(Collectors.joining(", "))
                + "; set " + RequiredTool.REQUIRE_TOOLS + "=1 to fail them instead";
    }
}
