package dev.openmail.domain.mail;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The order in which a message's headers are tried: In-Reply-To, then References from the latest back, then none. */
class ThreadingTest {

    private static final ThreadId REPLIED = ThreadId.generate();
    private static final ThreadId EARLIER = ThreadId.generate();
    private static final ThreadId LATER = ThreadId.generate();
    private static final Map<String, ThreadId> KNOWN = Map.of("replied@x", REPLIED, "earlier@x", EARLIER, "later@x", LATER);

    private final List<String> asked = new ArrayList<>();

    @Test
    void inReplyToDecidesFirst() {
        assertEquals(Optional.of(REPLIED), threadFor("replied@x", "earlier@x", "later@x"));
        assertEquals(List.of("replied@x"), asked);
    }

    @Test
    void withoutAKnownInReplyToTheLatestKnownReferenceDecides() {
        assertEquals(Optional.of(LATER), threadFor("unknown@x", "earlier@x", "later@x", "unknown-too@x"));
        assertEquals(List.of("unknown@x", "unknown-too@x", "later@x"), asked);
    }

    @Test
    void aBlankInReplyToIsNotLookedUp() {
        assertEquals(Optional.of(EARLIER), threadFor(" ", "earlier@x"));
        assertEquals(List.of("earlier@x"), asked);
    }

    @Test
    void nothingKnownOpensANewThread() {
        assertEquals(Optional.empty(), threadFor(null, "a@x", "b@x"));
        assertEquals(Optional.empty(), threadFor(null));
    }

    /** A References header of any length costs a bounded number of lookups: the latest entries, then the first. */
    @Test
    void aLongReferencesHeaderIsLookedUpAtItsLatestEntriesAndItsFirst() {
        String[] references = new String[100_000];
        Arrays.fill(references, "unknown@x");
        references[0] = "earlier@x";
        references[50_000] = "later@x";

        assertEquals(Optional.of(EARLIER), threadFor(null, references));
        assertEquals(Threading.MAX_REFERENCES_LOOKED_UP + 1, asked.size());
        assertEquals("earlier@x", asked.get(asked.size() - 1));
    }

    @Test
    void aKnownEntryAmongTheLatestWinsOverTheFirst() {
        String[] references = new String[1_000];
        Arrays.fill(references, "unknown@x");
        references[0] = "earlier@x";
        references[references.length - Threading.MAX_REFERENCES_LOOKED_UP] = "later@x";

        assertEquals(Optional.of(LATER), threadFor(null, references));
        assertEquals(Threading.MAX_REFERENCES_LOOKED_UP, asked.size());
    }

    private Optional<ThreadId> threadFor(String inReplyTo, String... references) {
        ParsedMail mail = new ParsedMail("a@example.org", List.of("b@example.org"), List.of(), "s", "new@x", inReplyTo,
                List.of(references), "text", null, List.of());
        return Threading.threadFor(mail, id -> {
            asked.add(id);
            return Optional.ofNullable(KNOWN.get(id));
        });
    }
}
