package dev.openmail.adapters.rest.mail;

import dev.openmail.adapters.rest.PublicBaseUrl;
import dev.openmail.adapters.rest.auth.CallerAttribute;
import dev.openmail.adapters.rest.error.ApiError;
import dev.openmail.adapters.rest.json.JsonBodies;
import dev.openmail.adapters.rest.json.ListView;
import dev.openmail.adapters.rest.json.Paging;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.mail.BodyBudget;
import dev.openmail.domain.mail.Direction;
import dev.openmail.domain.mail.MessageId;
import dev.openmail.domain.mail.StoredAttachment;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.port.in.GetAttachment;
import dev.openmail.domain.port.in.GetRawMessage;
import dev.openmail.domain.port.in.GetThreadMessages;
import dev.openmail.domain.port.in.ListMessages;
import dev.openmail.domain.port.in.ListThreads;
import dev.openmail.domain.port.in.SearchMail;
import dev.openmail.domain.search.SearchQuery;
import dev.openmail.domain.port.in.UpdateThread;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reading mail: an inbox's messages and threads, a thread's messages, attachments and raw messages, and search. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "mail")
@ApiResponse(responseCode = "401", description = "Missing, malformed, unknown or revoked API key",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "403", description = "The key is confined to another pod or inbox (forbidden)",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "404", description = "Not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
final class MailController {

    /** A type and subtype, and at most a charset: what the MIME parser keeps of a declared type. */
    private static final String MEDIA_TYPE = "[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+(; charset=[a-z0-9!#$&^_.+:-]+)?";

    private final ListMessages listMessages;
    private final SearchMail searchMail;
    private final ListThreads listThreads;
    private final GetThreadMessages getThreadMessages;
    private final UpdateThread updateThread;
    private final GetAttachment getAttachment;
    private final GetRawMessage getRawMessage;
    private final JsonBodies bodies;
    private final PublicBaseUrl baseUrl;
    private final BodyBudget bodyBudget;

    MailController(ListMessages listMessages, SearchMail searchMail, ListThreads listThreads, GetThreadMessages getThreadMessages,
                   UpdateThread updateThread, GetAttachment getAttachment, GetRawMessage getRawMessage, JsonBodies bodies,
                   PublicBaseUrl baseUrl,
                   @Value("${openmail.mail-read.max-body-chars:10000000}") long bodyChars) {
        this.bodyBudget = new BodyBudget(bodyChars);
        this.listMessages = listMessages;
        this.searchMail = searchMail;
        this.listThreads = listThreads;
        this.getThreadMessages = getThreadMessages;
        this.updateThread = updateThread;
        this.getAttachment = getAttachment;
        this.getRawMessage = getRawMessage;
        this.bodies = bodies;
        this.baseUrl = baseUrl;
    }

    @Get("/v1/inboxes/{id}/messages")
    @Operation(operationId = "listMessages", summary = "List messages", description = "Every message of the inbox, newest"
            + " first. The bodies of one answer share a budget of characters (a setting): bodies that fit it come whole,"
            + " the longest are cut to the same length and their message says `bodyTruncated` (an extension);"
            + " GET /v1/messages/{id}/raw has all of a message. Extension: with `q`, only the messages the search"
            + " matches (the syntax of GET /v1/search), still newest first.")
    @ApiResponse(responseCode = "400", description = "A bad limit, offset, direction or q (invalid_search_query,"
            + " unknown_search_operator), or q with direction", content = @Content(schema = @Schema(implementation = ApiError.class)))
    ListView<MessageView> messages(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                                   @PathVariable String id,
                                   @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String limit,
                                   @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String offset,
                                   @QueryValue @Nullable @Parameter(schema = @Schema(allowableValues = {"inbound", "outbound"})) String direction,
                                   @QueryValue @Nullable @Parameter(description = "Extension: a search query, as for GET /v1/search") String q) {
        var page = Paging.parse(limit, offset);
        InboxId inboxId = InboxId.fromPath(id);
        if (q != null) {
            if (direction != null) {
                throw new InvalidInputException("direction", "direction cannot be combined with q: search the inbox"
                        + " without it.");
            }
            return ListView.of(searchMail.inInbox(caller, inboxId, SearchQuery.parse(q), page, bodyBudget),
                    read -> MessageView.of(read, baseUrl));
        }
        return ListView.of(listMessages.list(caller, inboxId, direction(direction), page, bodyBudget),
                read -> MessageView.of(read, baseUrl));
    }

    @Get("/v1/search")
    @Operation(operationId = "searchMessages", summary = "Search messages", description = "Extension: the messages of"
            + " every inbox the key reaches (an inbox key its inbox, a pod key its pod's inboxes, an account key the"
            + " account's) that match `q`, newest first, paged and cut as GET /v1/inboxes/{id}/messages. `q` holds at"
            + " most " + SearchQuery.MAX_CHARS + " characters and " + SearchQuery.MAX_TERMS + " terms, separated by"
            + " spaces, all of which must match: a word (whole words, any case, punctuation ignored), a \"quoted"
            + " phrase\" (its words in a row), `from:text` (the sender's address contains it), `has:attachment`,"
            + " `is:unread` (the message's thread is unread). Words and phrases look in the subject, the sender, the"
            + " body, attachments' file names and their extracted text. Words and phrases need at least one word of 3"
            + " or more letters or digits that is not a common word such as \"the\".")
    @ApiResponse(responseCode = "400", description = "A bad limit or offset, or q empty, too long, with an unclosed"
            + " quote or nothing to look up (invalid_search_query), or with an operator other than from:, has:attachment"
            + " and is:unread (unknown_search_operator)", content = @Content(schema = @Schema(implementation = ApiError.class)))
    ListView<MessageView> search(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                                 @QueryValue @Nullable @Parameter(description = "The search query", required = true) String q,
                                 @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String limit,
                                 @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String offset) {
        var page = Paging.parse(limit, offset);
        return ListView.of(searchMail.everywhere(caller, SearchQuery.parse(q), page, bodyBudget),
                read -> MessageView.of(read, baseUrl));
    }

    @Get("/v1/inboxes/{id}/threads")
    @Operation(operationId = "listThreads", summary = "List threads", description = "The inbox's threads, latest message first.")
    @ApiResponse(responseCode = "400", description = "A bad limit, offset or is_read", content = @Content(schema = @Schema(implementation = ApiError.class)))
    ListView<ThreadView> threads(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                                 @PathVariable String id,
                                 @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String limit,
                                 @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String offset,
                                 @QueryValue("is_read") @Nullable @Parameter(name = "is_read", schema = @Schema(allowableValues = {"true", "false"})) String isRead) {
        var page = Paging.parse(limit, offset);
        return ListView.of(listThreads.list(caller, InboxId.fromPath(id), readFilter(isRead), page), ThreadView::of);
    }

    @Get("/v1/threads/{id}/messages")
    @Operation(operationId = "getThreadMessages", summary = "Get thread messages", description = "The thread and its"
            + " messages, oldest first. Extension: a thread is read in pages of `limit` messages (default and most 100)"
            + " from `offset`; `total` counts the thread's messages and `nextOffset` is where the next page starts"
            + " (null on the last). The bodies of one answer share a budget of characters (a setting): bodies that"
            + " fit it come whole, the longest are cut to the same length and their message says `bodyTruncated`;"
            + " GET /v1/messages/{id}/raw has all of a message.")
    @ApiResponse(responseCode = "400", description = "A bad limit or offset", content = @Content(schema = @Schema(implementation = ApiError.class)))
    ThreadMessagesView threadMessages(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                                      @PathVariable String id,
                                      @QueryValue @Nullable @Parameter(description = "Extension: messages per page, 1 to 100; default 100", schema = @Schema(type = "integer")) String limit,
                                      @QueryValue @Nullable @Parameter(description = "Extension: messages to skip; default 0", schema = @Schema(type = "integer")) String offset) {
        var page = Paging.parse(limit, offset, PageRequest.MAX_LIMIT);
        return ThreadMessagesView.of(getThreadMessages.get(caller, ThreadId.fromPath(id), page, bodyBudget),
                page, baseUrl);
    }

    @Patch("/v1/threads/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateThread", summary = "Update thread", description = "Marks the thread read or unread.")
    @ApiResponse(responseCode = "400", description = "is_read missing or not a boolean", content = @Content(schema = @Schema(implementation = ApiError.class)))
    UpdatedView updateThread(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                             @PathVariable String id,
                             @Body @Nullable @RequestBody(content = @Content(schema = @Schema(implementation = ThreadPatchRequest.class))) byte[] body) {
        ThreadId thread = ThreadId.fromPath(id);
        boolean isRead = bodies.openObject(body, JsonBodies.MAX_JSON_BYTES).requiredBoolean("is_read");
        updateThread.markRead(caller, thread, isRead);
        return new UpdatedView(true);
    }

    @Get(uri = "/v1/attachments/{messageId}/{filename}", produces = MediaType.ALL)
    @Operation(operationId = "getAttachment", summary = "Get attachment",
            description = "The attachment's bytes, as a download. Served with its declared type, never rendered here.")
    HttpResponse<byte[]> attachment(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                                    @PathVariable String messageId, @PathVariable String filename) {
        StoredAttachment attachment = getAttachment.get(caller, MessageId.fromPath(messageId), filename);
        String type = attachment.info().contentType().toLowerCase(Locale.ROOT);
        String encodedName = URLEncoder.encode(attachment.info().filename(), StandardCharsets.UTF_8).replace("+", "%20");
        return download(attachment.content(), type.matches(MEDIA_TYPE) ? type : MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename*=UTF-8''" + encodedName);
    }

    @Get(uri = "/v1/messages/{id}/raw", produces = "message/rfc822")
    @Operation(operationId = "getRawMessage", summary = "Get raw message", description = "The message exactly as received or sent.")
    HttpResponse<byte[]> raw(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                             @PathVariable String id) {
        return download(getRawMessage.get(caller, MessageId.fromPath(id)), "message/rfc822");
    }

    /** Bytes that a browser must neither sniff nor run: mail content is the sender's, not ours. */
    private static MutableHttpResponse<byte[]> download(byte[] content, String type) {
        return HttpResponse.ok(content).contentType(type)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox");
    }




    private static Direction direction(String text) {
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "inbound" -> Direction.INBOUND;
            case "outbound" -> Direction.OUTBOUND;
            default -> throw new InvalidInputException("direction", "direction must be inbound or outbound.");
        };
    }

    private static Boolean readFilter(String text) {
        if (text == null) {
            return null;
        }
        return switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidInputException("is_read", "is_read must be true or false.");
        };
    }
}
