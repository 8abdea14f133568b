package dev.openmail.application.contract;

import dev.openmail.domain.common.Label;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.extraction.ExtractionMethod;
import dev.openmail.domain.inbox.EmailAddress;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.MailboxName;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.mail.BodyBudget;
import dev.openmail.domain.mail.BoundedMessage;
import dev.openmail.domain.mail.Direction;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.MessageStatus;
import dev.openmail.domain.mail.ParsedAttachment;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.common.TimeOrderedIds;
import dev.openmail.domain.pod.ClientId;
import dev.openmail.domain.pod.Pod;
import dev.openmail.domain.port.out.AttachmentTexts;
import dev.openmail.domain.port.out.SaveAccount;
import dev.openmail.domain.port.out.SaveInbox;
import dev.openmail.domain.port.out.SaveMail;
import dev.openmail.domain.port.out.SavePod;
import dev.openmail.domain.port.out.SearchMessages;
import dev.openmail.domain.search.SearchQuery;
import dev.openmail.domain.search.SearchScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.openmail.application.contract.SendingFixture.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every store of search must find, on the in-memory fake, H2 and MySQL/MariaDB alike: the databases' full-text
 * engines differ in tokenizing, stopwords and word lengths, and these cases are where they would show. Every test
 * works in a new account, so rows of other tests sharing the database are never in scope.
 */
public abstract class SearchMessagesContract {

    protected abstract Ports ports();

    public record Ports(SaveAccount saveAccount, SavePod savePod, SaveInbox saveInbox, SaveMail saveMail,
                        AttachmentTexts texts, SearchMessages search) {
    }

    private Ports p;
    private SendingFixture rows;
    private SendingFixture.Opened account;
    private Inbox inbox;
    private int sent;

    @BeforeEach
    void openAccount() {
        p = ports();
        rows = new SendingFixture(p.saveAccount(), p.savePod(), p.saveInbox(), p.saveMail());
        account = rows.openAccount();
        inbox = rows.insertInbox(account);
    }

    @Test
    void everyWordMustOccurAsAWholeWordInAnyCaseAndTheNewestComeFirst() {
        Message first = store(inbox, "Quarterly report", "alice@example.com", "Numbers attached, see the FORECAST.");
        Message second = store(inbox, "Re: quarterly report", "bob@example.com", "Thanks; the forecast looks good.");
        store(inbox, "Quarterly party", "carol@example.com", "Forecasting cake.");

        assertEquals(List.of(second.id(), first.id()), ids(search("quarterly forecast")));
        assertEquals(2, search("QUARTERLY Forecast").total());
        assertEquals(List.of(), ids(search("forecas")), "a part of a word is not the word");
        assertEquals(List.of(first.id()), ids(search("quarterly numbers")));
    }

    @Test
    void pagesAreCutFromTheNewestWithTheTotalOfEveryMatch() {
        Message oldest = store(inbox, "Invoice one", "billing@example.com", "due");
        Message middle = store(inbox, "Invoice two", "billing@example.com", "due");
        Message newest = store(inbox, "Invoice three", "billing@example.com", "due");

        Page<BoundedMessage> first = p.search().search(account.id(), SearchScope.WHOLE_ACCOUNT,
                SearchQuery.parse("invoice"), new PageRequest(2, 0), BodyBudget.UNLIMITED);
        Page<BoundedMessage> second = p.search().search(account.id(), SearchScope.WHOLE_ACCOUNT,
                SearchQuery.parse("invoice"), new PageRequest(2, 2), BodyBudget.UNLIMITED);

        assertEquals(List.of(newest.id(), middle.id()), ids(first));
        assertEquals(3, first.total());
        assertEquals(List.of(oldest.id()), ids(second));
        assertEquals(3, second.total());
        assertEquals("Invoice three", first.items().get(0).message().subject(), "the page holds whole messages");
    }

    @Test
    void aPhraseMatchesItsWordsInARowWhateverThePunctuationButNotAcrossSubjectAndBody() {
        Message match = store(inbox, "Launch", "dev@example.com", "The release-date, is Friday.");
        store(inbox, "Launch", "dev@example.com", "The date of the release is Friday.");
        store(inbox, "Plans for the release", "dev@example.com", "date unknown");

        assertEquals(List.of(match.id()), ids(search("\"release date is\"")));
        assertEquals(List.of(match.id()), ids(search("release_date")), "a word with punctuation is a phrase");
        assertEquals(List.of(), ids(search("\"release date unknown\"")));
    }

    @Test
    void shortAndCommonWordsAreCheckedOnTheIndexedWordsMatches() {
        Message match = store(inbox, "Trip", "travel@example.com", "We go to Paris in May.");
        store(inbox, "Trip", "travel@example.com", "Paris is lovely; we stay home.");

        assertEquals(List.of(match.id()), ids(search("go to paris")));
        assertEquals(List.of(match.id()), ids(search("\"we go to paris\"")));
        assertEquals(List.of(match.id()), ids(search("paris may")));
    }

    @Test
    void lettersBeyondAsciiAreFoundInAnyCase() {
        Message match = store(inbox, "Größe der Übersicht", "jürgen@example.de", "Ça va, Ñandú? Ωmega");
        store(inbox, "Grosse", "hans@example.de", "Ubersicht");

        assertEquals(List.of(match.id()), ids(search("ÜBERSICHT größe")));
        assertEquals(List.of(match.id()), ids(search("ñandú ωMEGA")));
        assertEquals(List.of(match.id()), ids(search("from:JÜRGEN")));
    }

    @Test
    void fromMatchesAnyPartOfTheSendersAddressInAnyCase() {
        Message alice = store(inbox, "Status", "Alice.Smith@Example.com", "all good");
        Message bob = store(inbox, "Status", "bob@other.org", "all good");

        assertEquals(List.of(alice.id()), ids(search("from:alice.smith@example.com")));
        assertEquals(List.of(alice.id()), ids(search("from:EXAMPLE.COM")));
        assertEquals(List.of(bob.id(), alice.id()), ids(search("status from:@")));
        assertEquals(List.of(bob.id()), ids(search("status from:bob")));
    }

    @Test
    void fileNamesAndAttachmentTextsAreFoundOnceTheTextIsStored() {
        Message withFile = store(inbox, "Contract", "legal@example.com", "See the file.",
                List.of("Signed_Agreement.pdf", "notes.txt"));
        store(inbox, "Contract", "legal@example.com", "No file this time.");

        assertEquals(List.of(withFile.id()), ids(search("contract has:attachment")));
        assertEquals(List.of(withFile.id()), ids(search("agreement")));
        assertEquals(List.of(withFile.id()), ids(search("\"signed agreement pdf\"")));
        assertEquals(List.of(), ids(search("indemnification")));

        p.texts().storeText(account.id(), withFile.id(), 0,
                AttachmentText.read(ExtractionMethod.PDF, "Clause 7: Indemnification of the buyer.", false));

        assertEquals(List.of(withFile.id()), ids(search("indemnification buyer")));
        assertEquals(List.of(withFile.id()), ids(search("\"indemnification of the buyer\" has:attachment")));
        assertEquals(List.of(), ids(search("\"pdf clause\"")), "a phrase does not run from one part into the next");
    }

    @Test
    void isUnreadFollowsTheThreadsReadMark() {
        Message unread = store(inbox, "Ping", "ops@example.com", "disk usage high", false);
        Message read = store(inbox, "Ping", "ops@example.com", "disk usage high", true);

        assertEquals(List.of(unread.id()), ids(search("disk is:unread")));
        assertEquals(List.of(read.id(), unread.id()), ids(search("disk")));

        MailThread thread = new MailThread(unread.threadId(), account.id(), inbox.podId(), inbox.id(), "Ping", true,
                T0, T0, 1);
        p.saveMail().updateThread(thread);

        assertEquals(List.of(), ids(search("disk is:unread")));
        assertEquals(0, search("is:unread").total());
    }

    @Test
    void theScopeIsAnInboxAPodOrTheAccountAndNeverAnotherAccount() {
        Inbox sameAccountOtherInbox = rows.insertInbox(account);
        Pod otherPod = Pod.create(account.id(), new ClientId("pod-" + TimeOrderedIds.next().toLowerCase()),
                new Label("Other"), T0);
        p.savePod().insert(otherPod);
        Inbox inOtherPod = Inbox.create(account.id(), otherPod.id(), new EmailAddress(
                new MailboxName(TimeOrderedIds.next()), new DomainName("sending.test")), null, null, null, T0);
        p.saveInbox().insert(inOtherPod);
        SendingFixture.Opened stranger = rows.openAccount();
        Inbox strangers = rows.insertInbox(stranger);

        Message here = store(inbox, "Budget", "cfo@example.com", "approved");
        Message there = store(sameAccountOtherInbox, "Budget", "cfo@example.com", "approved");
        Message elsewhere = store(inOtherPod, "Budget", "cfo@example.com", "approved");
        Message foreign = store(strangers, "Budget", "cfo@example.com", "approved");
        SearchQuery budget = SearchQuery.parse("budget approved");

        assertEquals(List.of(here.id()), ids(p.search().search(account.id(), SearchScope.inbox(inbox.id()), budget,
                PageRequest.firstPage(), BodyBudget.UNLIMITED)));
        assertEquals(List.of(there.id(), here.id()), ids(p.search().search(account.id(),
                new SearchScope(account.pod().id(), null), budget, PageRequest.firstPage(), BodyBudget.UNLIMITED)));
        assertEquals(List.of(elsewhere.id(), there.id(), here.id()), ids(p.search().search(account.id(),
                SearchScope.WHOLE_ACCOUNT, budget, PageRequest.firstPage(), BodyBudget.UNLIMITED)));
        assertEquals(List.of(), ids(p.search().search(account.id(), SearchScope.inbox(strangers.id()), budget,
                PageRequest.firstPage(), BodyBudget.UNLIMITED)), "another account's inbox is never searched");
        assertEquals(List.of(foreign.id()), ids(p.search().search(stranger.id(), SearchScope.WHOLE_ACCOUNT, budget,
                PageRequest.firstPage(), BodyBudget.UNLIMITED)));
    }

    @Test
    void aDeletedInboxsMessagesAreNoLongerFound() {
        Inbox doomed = rows.insertInbox(account);
        Message kept = store(inbox, "Memo", "hr@example.com", "holiday schedule");
        store(doomed, "Memo", "hr@example.com", "holiday schedule");

        assertTrue(p.saveInbox().remove(doomed));

        assertEquals(List.of(kept.id()), ids(search("holiday schedule")));
        assertEquals(1, search("holiday").total());
    }

    @Test
    void anHtmlOnlyBodyIsSearchedWithoutItsTags() {
        Message html = storeHtml(inbox, "<p>Your <b>parcel</b> ships</p><a href=\"https://tracking.example\">track</a>");

        assertEquals(List.of(html.id()), ids(search("\"your parcel ships\"")));
        assertEquals(List.of(), ids(search("tracking")), "an attribute is no text");
    }

    private Page<BoundedMessage> search(String query) {
        return p.search().search(account.id(), SearchScope.WHOLE_ACCOUNT, SearchQuery.parse(query),
                PageRequest.firstPage(), BodyBudget.UNLIMITED);
    }

    private static List<MessageId> ids(Page<BoundedMessage> page) {
        return page.items().stream().map(item -> item.message().id()).toList();
    }

    private Message store(Inbox in, String subject, String from, String body) {
        return store(in, subject, from, body, List.of(), true);
    }

    private Message store(Inbox in, String subject, String from, String body, boolean read) {
        return store(in, subject, from, body, List.of(), read);
    }

    private Message store(Inbox in, String subject, String from, String body, List<String> files) {
        return store(in, subject, from, body, files, true);
    }

    private Message storeHtml(Inbox in, String html) {
        return insert(in, "Shipping", "shop@example.com", null, html, List.of(), true);
    }

    private Message store(Inbox in, String subject, String from, String body, List<String> files, boolean read) {
        return insert(in, subject, from, body, null, files, read);
    }

    /** Each message a second after the one before, so that newest first is a stable order. */
    private Message insert(Inbox in, String subject, String from, String bodyText, String bodyHtml, List<String> files,
                           boolean read) {
        sent++;
        MailThread thread = new MailThread(ThreadId.generate(), in.accountId(), in.podId(), in.id(), subject, read,
                T0, T0, 1);
        p.saveMail().insertThread(thread);
        List<ParsedAttachment> parts = files.stream()
                .map(name -> new ParsedAttachment(name, "application/octet-stream",
                        "bytes".getBytes(StandardCharsets.US_ASCII)))
                .toList();
        Message message = new Message(MessageId.generate(), in.accountId(), in.podId(), in.id(), thread.id(),
                Direction.INBOUND, MessageStatus.RECEIVED, from, in.address().value(), null, null, List.of(), subject,
                bodyText, bodyHtml, parts.stream().map(ParsedAttachment::info).toList(), null, null, List.of(),
                T0.plusSeconds(sent));
        p.saveMail().insertMessage(message, "raw".getBytes(StandardCharsets.US_ASCII), parts);
        return message;
    }
}
