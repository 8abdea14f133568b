package dev.openmail.adapters.rest.mcp;

import dev.openmail.adapters.rest.mail.MessageView;
import dev.openmail.domain.port.in.SearchMail;
import dev.openmail.domain.search.SearchQuery;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.openmail.adapters.rest.PublicBaseUrl;
import dev.openmail.adapters.rest.inbox.InboxView;
import dev.openmail.adapters.rest.json.ListView;
import dev.openmail.adapters.rest.mail.AttachmentTextView;
import dev.openmail.adapters.rest.mail.SentView;
import dev.openmail.adapters.rest.mail.ThreadMessagesView;
import dev.openmail.adapters.rest.mail.ThreadView;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.event.EventId;
import dev.openmail.domain.event.MailEvent;
import dev.openmail.domain.inbox.DisplayName;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.inbox.MailboxName;
import dev.openmail.domain.mail.BodyBudget;
import dev.openmail.domain.mail.Direction;
import dev.openmail.domain.mail.IdempotentSend;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.OutgoingMail;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.InvalidDomainException;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.CreateInbox;
import dev.openmail.domain.port.in.GetAttachmentText;
import dev.openmail.domain.port.in.GetInbox;
import dev.openmail.domain.port.in.GetThreadMessages;
import dev.openmail.domain.port.in.ListInboxes;
import dev.openmail.domain.port.in.ListThreads;
import dev.openmail.domain.port.in.SendMail;
import dev.openmail.domain.port.in.UpdateThread;
import dev.openmail.domain.port.in.WatchNewMail;
import dev.openmail.domain.port.out.RenderEvents;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The tools of the MCP server, for each kind of key. Each calls the use case its REST endpoint calls, with the
 * caller of the request, so that the access rules are the API's; each answers the JSON of the REST endpoint's view.
 * A tool is a name, a description, a schema and a handler: adding one is a few lines in {@link #forKind}.
 */
@Singleton
final class MailTools {

    /** What read_thread hands over of a page's bodies at most, in characters: a model's context is the limit here. */
    static final long THREAD_BODY_CHARS = 200_000;
    static final int MAX_WAIT_SECONDS = 120;
    static final int DEFAULT_WAIT_SECONDS = 30;
    private static final int DEFAULT_PAGE = 20;
    private static final JsonFactory JSON = new JsonFactory();

    private final ListInboxes listInboxes;
    private final GetInbox getInbox;
    private final CreateInbox createInbox;
    private final ListThreads listThreads;
    private final GetThreadMessages getThreadMessages;
    private final UpdateThread updateThread;
    private final SendMail sendMail;
    private final GetAttachmentText getAttachmentText;
    private final WatchNewMail watchNewMail;
    private final SearchMail searchMail;
    private final MailWaits waits;
    private final RenderEvents renderEvents;
    private final PublicBaseUrl baseUrl;
    private final JsonMapper json;
    private final BodyBudget bodyBudget;

    MailTools(ListInboxes listInboxes, GetInbox getInbox, CreateInbox createInbox, ListThreads listThreads,
              GetThreadMessages getThreadMessages, UpdateThread updateThread, SendMail sendMail,
              GetAttachmentText getAttachmentText, WatchNewMail watchNewMail, SearchMail searchMail, MailWaits waits,
              RenderEvents renderEvents, PublicBaseUrl baseUrl, JsonMapper json,
              @Value("${openmail.mail-read.max-body-chars:10000000}") long bodyChars) {
        this.listInboxes = listInboxes;
        this.getInbox = getInbox;
        this.createInbox = createInbox;
        this.listThreads = listThreads;
        this.getThreadMessages = getThreadMessages;
        this.updateThread = updateThread;
        this.sendMail = sendMail;
        this.getAttachmentText = getAttachmentText;
        this.watchNewMail = watchNewMail;
        this.searchMail = searchMail;
        this.waits = waits;
        this.renderEvents = renderEvents;
        this.baseUrl = baseUrl;
        this.json = json;
        this.bodyBudget = new BodyBudget(Math.min(bodyChars, THREAD_BODY_CHARS));
    }

    /** The tools a key of this kind sees, in the order a client lists them. */
    List<McpTool> forKind(KeyKind kind) {
        boolean inboxKey = kind == KeyKind.INBOX;
        String inboxIdText = inboxKey
                ? "The inbox's id (inb_...). Optional: this key's own inbox, the only one it may use."
                : "The inbox's id (inb_...), as list_inboxes shows it.";
        List<McpTool> tools = new ArrayList<>();
        if (inboxKey) {
            tools.add(new McpTool("get_inbox", "Get this inbox",
                    "Shows the inbox this key belongs to: its id and email address (what mail is sent from and received"
                            + " at), display name and pod.",
                    ToolSchema.none(), true,
                    (caller, args) -> write(Argument.of(InboxView.class),
                            InboxView.of(getInbox.get(caller, caller.scope().inboxOrNull())))));
        } else {
            tools.add(new McpTool("list_inboxes", "List inboxes",
                    "Lists the inboxes this key may use, oldest first"
                            + (kind == KeyKind.POD ? " (those of its pod)" : "") + ": each with its id (inb_...) and email"
                            + " address. `total` counts them all; page with limit and offset.",
                    paging(ToolSchema.none()), true,
                    (caller, args) -> write(Argument.of(ListView.class, InboxView.class),
                            ListView.of(listInboxes.list(caller, null, page(args)), InboxView::of))));
            ToolSchema create = ToolSchema.none();
            if (kind == KeyKind.ACCOUNT) {
                create = create.string("pod_id", "The pod (pod_... id or its clientId) to create the inbox in;"
                        + " the account's default pod when left out.", false);
            }
            create = create.string("mailbox_name", "The part of the address before the @ (3 to 30 characters: lower"
                            + " case letters, digits, dots, hyphens, underscores); random when left out.", false, 30)
                    .string("display_name", "The name shown with the address in sent mail.", false, 200)
                    .string("domain", "A verified custom domain to create the address on; the installation's"
                            + " domain when left out.", false, 253);
            tools.add(new McpTool("create_inbox", "Create an inbox",
                    "Creates a new inbox with its own email address" + (kind == KeyKind.POD ? " in this key's pod" : "")
                            + ", and returns it with its id and address. Fails with address_taken when the"
                            + " mailbox name is in use, inbox_limit_reached when the account has its most inboxes.",
                    create, false, this::createInbox));
        }
        tools.add(new McpTool("list_threads", "List threads",
                "Lists the conversations (threads) of an inbox, the most recent first: subject, whether read, when the"
                        + " last message came. Set unread_only to see only threads with unread mail. Read one with"
                        + " read_thread.",
                paging(inboxId(ToolSchema.none(), inboxIdText, inboxKey)
                        .bool("unread_only", "Only threads not yet marked read.", false)), true,
                (caller, args) -> {
                    InboxId inbox = inboxOf(caller, args);
                    Boolean isRead = args.bool("unread_only", false) ? Boolean.FALSE : null;
                    return write(Argument.of(ListView.class, ThreadView.class),
                            ListView.of(listThreads.list(caller, inbox, isRead, page(args)), ThreadView::of));
                }));
        tools.add(new McpTool("read_thread", "Read a thread",
                "Reads a thread's messages, oldest first: sender, recipients, subject, text and HTML bodies, and each"
                        + " attachment with its extracted text (parsedText) where it was read. Long bodies may be cut"
                        + " (bodyTruncated); `nextOffset` is where the next page starts, null on the last.",
                ToolSchema.none().string("thread_id", "The thread's id (thr_...).", true)
                        .integer("limit", "Messages per page.", 1, PageRequest.MAX_LIMIT, DEFAULT_PAGE)
                        .integer("offset", "Messages to skip.", 0, Integer.MAX_VALUE, 0), true,
                (caller, args) -> {
                    ThreadId thread = ThreadId.fromPath(args.requiredString("thread_id"));
                    PageRequest page = page(args);
                    return write(Argument.of(ThreadMessagesView.class),
                            ThreadMessagesView.of(getThreadMessages.get(caller, thread, page, bodyBudget), page, baseUrl));
                }));
        tools.add(new McpTool("send_message", "Send an email",
                "Sends a new email (a new thread) from an inbox. Mail to inboxes of this server arrives at once;"
                        + " other addresses get it through the relay (status pending, then sent or failed). A call"
                        + " repeated with the same arguments within 24 hours sends nothing again and answers the first"
                        + " send, so a retry is safe; to send the same message twice on purpose, give each its own"
                        + " idempotency_key. To answer a message, use reply_to_thread instead.",
                idempotency(inboxId(ToolSchema.none(), inboxIdText, inboxKey)
                        .string("to", "The recipient's email address.", true, 320)
                        .strings("cc", "Further recipients' email addresses.", OutgoingMail.MAX_CC)
                        .string("subject", "The subject line.", true, OutgoingMail.MAX_SUBJECT)
                        .string("text", "The plain-text body.", true, OutgoingMail.MAX_BODY)
                        .string("html", "An HTML version of the body, if it should differ from the text.", false,
                                OutgoingMail.MAX_BODY_HTML)), false,
                (caller, args) -> {
                    InboxId inbox = inboxOf(caller, args);
                    OutgoingMail mail = new OutgoingMail(args.requiredString("to"), args.strings("cc"),
                            args.requiredString("subject"), args.requiredString("text"), args.optionalString("html"),
                            null, null, true, List.of());
                    return send(caller, inbox, "send_message", args, mail);
                }));
        tools.add(new McpTool("reply_to_thread", "Reply in a thread",
                "Replies in a thread, from the thread's inbox, with the thread's subject and the earlier message"
                        + " quoted. It goes to whoever wrote the last message received in the thread (or, when"
                        + " the last message was sent from here, to its recipient) unless `to` says otherwise. Retrying"
                        + " the same call sends nothing twice, as with send_message.",
                idempotency(ToolSchema.none().string("thread_id", "The thread's id (thr_...).", true)
                        .string("text", "The plain-text body of the reply.", true, OutgoingMail.MAX_BODY)
                        .string("html", "An HTML version of the reply, if it should differ from the text.", false,
                                OutgoingMail.MAX_BODY_HTML)
                        .string("to", "The recipient, if not the other party of the thread's last message.", false, 320)
                        .strings("cc", "Further recipients' email addresses.", OutgoingMail.MAX_CC)
                        .bool("include_quote", "Quote the message replied to below the reply.", true)), false,
                this::reply));
        tools.add(new McpTool("mark_read", "Mark a thread read or unread",
                "Marks a thread read (or, with read false, unread again), as list_threads' unread_only sees it."
                        + " Returns the thread.",
                ToolSchema.none().string("thread_id", "The thread's id (thr_...).", true)
                        .bool("read", "true: read; false: unread.", true), false,
                (caller, args) -> write(Argument.of(ThreadView.class), ThreadView.of(updateThread.markRead(caller,
                        ThreadId.fromPath(args.requiredString("thread_id")), args.bool("read", true))))));
        tools.add(new McpTool("read_attachment_text", "Read an attachment's text",
                "Returns all the text of an attachment (PDF, office documents, images through OCR, CSV, plain"
                        + " text): read_thread shows the message id and each attachment's filename. Fails with"
                        + " extraction_failed when the file has no readable text, extraction_busy when the server is"
                        + " reading others; try again a little later.",
                ToolSchema.none().string("message_id", "The message's id (msg_...).", true)
                        .string("filename", "The attachment's filename, exactly as read_thread shows it.", true), true,
                (caller, args) -> write(Argument.of(AttachmentTextView.class), AttachmentTextView.of(
                        getAttachmentText.get(caller, MessageId.fromPath(args.requiredString("message_id")),
                                args.requiredString("filename"))))));
        tools.add(new McpTool("search_mail", "Search mail",
                "Finds messages, newest first, in one inbox or in every inbox this key may read. The query's terms,"
                        + " separated by spaces, must all match: words (whole words, any case), \"quoted phrases\","
                        + " from:text (the sender's address contains it), has:attachment, is:unread. Words look in"
                        + " the subject, sender, body, attachment names and attachments' extracted text; at least one"
                        + " word of 3 or more letters that is not a common word like \"the\" is needed unless the"
                        + " query is operators only. Example: invoice \"march 2026\" from:acme.com has:attachment.",
                paging(ToolSchema.none().string("query", "The search query, at most " + SearchQuery.MAX_CHARS
                                + " characters.", true, SearchQuery.MAX_CHARS)
                        .string("inbox_id", inboxKey ? inboxIdText
                                : "One inbox to search (inb_...); every inbox this key may read when left out.", false)),
                true,
                (caller, args) -> {
                    SearchQuery query = SearchQuery.parse(args.requiredString("query"));
                    String inbox = args.optionalString("inbox_id");
                    return write(Argument.of(ListView.class, MessageView.class), ListView.of(inbox == null
                                    ? searchMail.everywhere(caller, query, page(args), bodyBudget)
                                    : searchMail.inInbox(caller, InboxId.fromPath(inbox), query, page(args), bodyBudget),
                            read -> MessageView.of(read, baseUrl)));
                }));
        tools.add(new McpTool("wait_for_new_mail", "Wait for new mail",
                "Waits until mail arrives in an inbox (or in any inbox this key may read) and returns the new"
                        + " messages, or returns none when timeout_seconds pass first. Each result has a `cursor`:"
                        + " pass it as `since` to the next call to get exactly the mail that arrived after this one"
                        + " returned, none missed and none twice. Without since, it waits for mail arriving from now on.",
                ToolSchema.none().string("inbox_id", inboxKey ? inboxIdText
                                : "The inbox to watch (inb_...); every inbox this key may read when left out.", false)
                        .integer("timeout_seconds", "How long to wait at most.", 1, MAX_WAIT_SECONDS,
                                DEFAULT_WAIT_SECONDS)
                        .string("since", "The cursor (evt_...) a previous wait_for_new_mail returned.", false), true,
                this::waitForMail));
        return List.copyOf(tools);
    }

    private String createInbox(Caller caller, ToolArguments args) {
        String pod = args.optionalString("pod_id");
        String mailbox = args.optionalString("mailbox_name");
        String displayName = args.optionalString("display_name");
        String domain = args.optionalString("domain");
        Inbox inbox = createInbox.create(new CreateInbox.Command(caller, pod == null ? null : PodRef.fromBody(pod),
                mailbox == null ? null : MailboxName.parse(mailbox),
                displayName == null ? null : new DisplayName(displayName),
                domain == null ? null : domainOf(domain), null));
        return write(Argument.of(InboxView.class), InboxView.of(inbox));
    }

    private String reply(Caller caller, ToolArguments args) {
        ThreadId thread = ThreadId.fromPath(args.requiredString("thread_id"));
        String text = args.requiredString("text");
        String to = args.optionalString("to");
        // The thread's inbox and its last message: the first read learns the count, the second reads the last one.
        BodyBudget noBodies = new BodyBudget(1);
        GetThreadMessages.ThreadWithMessages first = getThreadMessages.get(caller, thread, new PageRequest(1, 0), noBodies);
        long total = first.messages().total();
        if (to == null) {
            GetThreadMessages.ThreadWithMessages last = total <= 1 ? first
                    : getThreadMessages.get(caller, thread, new PageRequest(1, total - 1), noBodies);
            if (last.messages().items().isEmpty()) {
                throw new InvalidInputException("to", "The thread has no message to reply to; give `to`.");
            }
            Message message = last.messages().items().get(0).message();
            to = message.direction() == Direction.INBOUND ? message.fromAddr() : message.toAddr();
        }
        OutgoingMail mail = new OutgoingMail(to, args.strings("cc"), null, text, args.optionalString("html"), null,
                thread, args.bool("include_quote", true), List.of());
        return send(caller, first.thread().inboxId(), "reply_to_thread", args, mail);
    }

    private String send(Caller caller, InboxId inbox, String tool, ToolArguments args, OutgoingMail mail) {
        String key = args.optionalString("idempotency_key");
        if (key == null) {
            key = derivedIdempotencyKey(caller, inbox, tool, mail);
        }
        return write(Argument.of(SentView.class),
                SentView.of(sendMail.send(new SendMail.Command(caller, inbox, key, mail))));
    }

    /**
     * The key of a send whose call gave none: a digest of everything the send is made of, and of the API key that
     * made it, so that a client retrying the same call (after a lost answer, say) gets the first send's answer and
     * sends nothing twice, while two agents with their own keys never meet on one.
     */
    static String derivedIdempotencyKey(Caller caller, InboxId inbox, String tool, OutgoingMail mail) {
        List<String> parts = new ArrayList<>(List.of(tool, caller.keyId().value(), inbox.value(), mail.to(),
                nullable(mail.subject()), mail.body(), nullable(mail.bodyHtml()),
                mail.threadOrNull() == null ? "" : mail.threadOrNull().value(), Boolean.toString(mail.includeQuote())));
        parts.addAll(mail.cc());
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            return "mcp-" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("SHA-256 is part of every JDK", missing);
        }
    }

    private String waitForMail(Caller caller, ToolArguments args) {
        String inboxText = args.optionalString("inbox_id");
        InboxId inbox = inboxText == null ? caller.scope().inboxOrNull() : InboxId.fromPath(inboxText);
        Duration timeout = Duration.ofSeconds(args.integer("timeout_seconds", 1, MAX_WAIT_SECONDS, DEFAULT_WAIT_SECONDS));
        String sinceText = args.optionalString("since");
        EventId since = null;
        if (sinceText != null) {
            if (!EventId.isWellFormed(sinceText)) {
                throw new InvalidInputException("since", "since must be a cursor (evt_...) that wait_for_new_mail"
                        + " returned; leave it out to wait from now.");
            }
            since = new EventId(sinceText);
        }
        EventId from = since;
        MailWaits.Found found = waits.await(caller, watchNewMail, () -> watchNewMail.open(caller, inbox, from), timeout);
        return events(found.received(), found.cursor());
    }

    /** {@code {"messages": [event payloads, as webhooks and the WebSocket carry them], "cursor": "evt_..."}}. */
    private String events(List<MailEvent> received, EventId cursor) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeArrayFieldStart("messages");
            Instant now = Instant.now();
            for (MailEvent event : received) {
                generator.writeRawValue(new String(renderEvents.payload(event, 1, now), StandardCharsets.UTF_8));
            }
            generator.writeEndArray();
            generator.writeStringField("cursor", cursor == null ? null : cursor.value());
            generator.writeBooleanField("timedOut", received.isEmpty());
            generator.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static InboxId inboxOf(Caller caller, ToolArguments args) {
        String text = args.optionalString("inbox_id");
        if (text == null) {
            if (caller.scope().inboxOrNull() != null) {
                return caller.scope().inboxOrNull();
            }
            throw new InvalidInputException("inbox_id", "Argument 'inbox_id' is required: list_inboxes shows the ids.");
        }
        return InboxId.fromPath(text);
    }

    private static DomainName domainOf(String text) {
        try {
            return DomainName.parse("domain", text);
        } catch (InvalidInputException malformed) {
            throw new InvalidDomainException(malformed.getMessage());
        }
    }

    private static ToolSchema inboxId(ToolSchema schema, String description, boolean inboxKey) {
        return schema.string("inbox_id", description, !inboxKey);
    }

    private static ToolSchema paging(ToolSchema schema) {
        return schema.integer("limit", "How many to return.", 1, PageRequest.MAX_LIMIT, DEFAULT_PAGE)
                .integer("offset", "How many to skip.", 0, Integer.MAX_VALUE, 0);
    }

    private static ToolSchema idempotency(ToolSchema schema) {
        return schema.string("idempotency_key", "Optional: a unique key of this send (e.g. a UUID). Without it, the"
                + " arguments themselves are the key.", false, IdempotentSend.MAX_KEY_LENGTH);
    }

    private static PageRequest page(ToolArguments args) {
        return new PageRequest((int) args.integer("limit", 1, PageRequest.MAX_LIMIT, DEFAULT_PAGE),
                args.integer("offset", 0, Integer.MAX_VALUE, 0));
    }

    private static String nullable(String text) {
        return text == null ? "\u0000" : text;
    }

    @SuppressWarnings("unchecked")
    private String write(Argument<?> type, Object value) {
        try {
            return json.writeValueAsString((Argument<Object>) type, value);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }
}
