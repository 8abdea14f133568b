package dev.openmail.adapters.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportFieldsTest {

    @Test
    void cutTextLosesTheGroupThatNoEmptyLineEnds() {
        // a trailing line of spaces may be the start of a continuation line, not an empty line
        assertTrue(ReportFields.groups("Status: 5.1.1\r\n  ", true, 10).isEmpty());
        assertTrue(ReportFields.groups("Status: 5.1.1\r\n", true, 10).isEmpty());

        List<ReportFields.Group> groups = ReportFields.groups("A: 1\r\n\r\nB: 2\r\n\r\nC: 3", true, 10);

        assertEquals(2, groups.size());
        assertEquals(" 2", groups.get(1).first("b"));
    }

    @Test
    void wholeTextKeepsItsLastGroupAndStopsAtTheMaximum() {
        assertEquals(" 3", ReportFields.groups("A: 1\n\nB: 2\n\nC: 3", false, 10).get(2).first("c"));
        assertEquals(2, ReportFields.groups("A: 1\n\nB: 2\n\nC: 3", false, 2).size());
    }

    @Test
    void lineEndsOfEveryKindSeparateLines() {
        List<ReportFields.Group> groups = ReportFields.groups("A: 1\rB: 2\nC: 3\r\n\rD: 4", false, 10);

        assertEquals(2, groups.size());
        assertEquals(" 3", groups.get(0).first("c"));
        assertEquals(" 4", groups.get(1).first("d"));
    }

    @Test
    void linesThatAreNoFieldsAreIgnoredWithTheirContinuations() {
        ReportFields.Group group = ReportFields.groups("no field here\n continued\nA : 1\n: empty name\nB: 2", false,
                10).get(0);

        assertEquals(" 1", group.first("a"));
        assertEquals(" 2", group.first("b"));
        assertNull(group.first("no field here"));
    }

    @Test
    void statusCodes() {
        assertEquals("5.1.1", ReportFields.statusCode(" 5.1.1 (user unknown)"));
        assertEquals("4.4.7", ReportFields.statusCode("4.4.7"));
        assertEquals("2.0.0", ReportFields.statusCode("2.0.0;ok"));
        assertEquals("5.1.10", ReportFields.statusCode("5.1.10"));
        assertEquals("5.123.123", ReportFields.statusCode("5.123.123"));
        for (String bad : new String[] {null, "", "5", "5.1", "5.1.", "3.1.1", "5..1", "5.1.1.1", "5.1234.1",
                "5.1.1234", "55.1.1", "x.1.1", "5.1.1x", "550 5.1.1"}) {
            assertNull(ReportFields.statusCode(bad), bad);
        }
    }

    @Test
    void typedAddresses() {
        assertEquals("a@example.com", ReportFields.typedAddress("rfc822; A@Example.COM", false));
        assertEquals("a@example.com", ReportFields.typedAddress("RFC822;<a@example.com>", false));
        assertEquals("a@example.com", ReportFields.typedAddress("a@example.com (no type)", false));
        assertEquals("ü@例え.jp", ReportFields.typedAddress("utf-8; \\x{FC}@\\x{4F8B}\\x{3048}.jp", true));
        assertNull(ReportFields.typedAddress("x400; a@example.com", false));
        assertNull(ReportFields.typedAddress("rfc822; <a@example.com", false));
        assertNull(ReportFields.typedAddress("rfc822; a@b@example.com", false));
        assertNull(ReportFields.typedAddress("rfc822; @example.com", false));
        assertNull(ReportFields.typedAddress("rfc822; a@", false));
        assertNull(ReportFields.typedAddress("rfc822; \"a b\"@example.com", false));
        assertNull(ReportFields.typedAddress("rfc822; a\u0000@example.com", false));
    }

    @Test
    void diagnostics() {
        assertEquals("550 5.1.1 no such user", ReportFields.diagnostic("smtp; 550 5.1.1\r\n\tno  such\u0007user "));
        assertEquals("550 5.1.1 x; y", ReportFields.diagnostic("550 5.1.1 x; y"));
        assertEquals("", ReportFields.diagnostic(null));
        assertEquals(ReportFields.MAX_DIAGNOSTIC_CHARS, ReportFields.diagnostic("smtp; " + "z".repeat(100_000))
                .length());
    }
}
