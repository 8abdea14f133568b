package dev.openmail.adapters.console;

import dev.openmail.adapters.console.Pages.SignedIn;
import dev.openmail.domain.apikey.KeyHolder;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.port.in.GetInbox;
import dev.openmail.domain.port.in.GetThreadMessages;
import dev.openmail.domain.port.in.ListThreads;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Reading an inbox: its threads, newest first, and a thread's messages; and the inbox's keys. */
@Controller(Pages.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
final class MailPagesController {

    static final int PAGE_SIZE = 20;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Pages pages;
    private final GetInbox getInbox;
    private final ListThreads listThreads;
    private final GetThreadMessages getThreadMessages;
    private final KeyPages keyPages;

    MailPagesController(Pages pages, GetInbox getInbox, ListThreads listThreads, GetThreadMessages getThreadMessages,
                        KeyPages keyPages) {
        this.pages = pages;
        this.getInbox = getInbox;
        this.listThreads = listThreads;
        this.getThreadMessages = getThreadMessages;
        this.keyPages = keyPages;
    }

    record ThreadRow(String id, String subject, boolean unread, int messages, String lastMessageAt) {
    }

    record MessageView(String from, String to, String cc, String date, String subject, String bodyText,
                       String bodyHtml) {
    }

    @Get("/inboxes/{id}")
    MutableHttpResponse<String> inbox(HttpRequest<?> request, @PathVariable String id,
                                      @QueryValue @Nullable String page) {
        return pages.page(request, user -> inboxPage(request, user, getInbox.get(user.caller(), InboxId.fromPath(id)),
                Pages.pageNumber(page), HttpStatus.OK, null));
    }

    @Post("/inboxes/{id}/keys")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> mintKey(HttpRequest<?> request, @PathVariable String id, @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> {
            Inbox inbox = getInbox.get(user.caller(), InboxId.fromPath(id));
            return Pages.changeOrRefusal(() -> keyPages.mint(request, user, keyHolder(inbox), form),
                    refusal -> inboxPage(request, user, inbox, 1, HttpStatus.UNPROCESSABLE_ENTITY, refusal));
        });
    }

    @Post("/inboxes/{id}/keys/{keyId}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> revokeKey(HttpRequest<?> request, @PathVariable String id, @PathVariable String keyId,
                                          @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> {
            Inbox inbox = getInbox.get(user.caller(), InboxId.fromPath(id));
            return Pages.changeOrRefusal(() -> {
                keyPages.revoke(user, keyHolder(inbox), keyId);
                return Pages.redirect(inboxPath(inbox));
            }, refusal -> inboxPage(request, user, inbox, 1, HttpStatus.FORBIDDEN, refusal));
        });
    }

    @Get("/threads/{id}")
    MutableHttpResponse<String> thread(HttpRequest<?> request, @PathVariable String id) {
        return pages.page(request, user -> {
            GetThreadMessages.ThreadWithMessages thread = getThreadMessages.get(user.caller(), ThreadId.fromPath(id));
            Map<String, Object> model = user.model();
            model.put("subject", thread.thread().subject().isBlank() ? "(no subject)" : thread.thread().subject());
            model.put("inboxId", thread.thread().inboxId().value());
            model.put("messages", thread.messages().stream().map(MailPagesController::view).toList());
            return pages.ok(request, "console/thread", model);
        });
    }

    private MutableHttpResponse<String> inboxPage(HttpRequest<?> request, SignedIn user, Inbox inbox, int pageNumber,
                                                  HttpStatus status, String error) {
        Page<MailThread> threads = listThreads.list(user.caller(), inbox.id(), null,
                new PageRequest(PAGE_SIZE, (long) (pageNumber - 1) * PAGE_SIZE));
        Map<String, Object> model = user.model();
        model.put("inbox", inbox.address().value());
        model.put("inboxId", inbox.id().value());
        model.put("displayName", inbox.displayName() == null ? null : inbox.displayName().value());
        model.put("podId", inbox.podId().value());
        model.put("threads", threads.items().stream().map(thread -> new ThreadRow(thread.id().value(),
                thread.subject().isBlank() ? "(no subject)" : thread.subject(), !thread.isRead(),
                thread.messageCount(), date(thread.lastMessageAt()))).toList());
        model.put("prevPage", pageNumber > 1 ? pageNumber - 1 : null);
        model.put("nextPage", (long) pageNumber * PAGE_SIZE < threads.total() ? pageNumber + 1 : null);
        keyPages.addTo(model, user, keyHolder(inbox));
        model.put("error", error);
        return pages.render(request, status, "console/inbox", model);
    }

    private static KeyPages.Holder keyHolder(Inbox inbox) {
        return new KeyPages.Holder(KeyHolder.inbox(inbox.id()), inboxPath(inbox), "inbox " + inbox.address().value());
    }

    private static String inboxPath(Inbox inbox) {
        return Pages.BASE + "/inboxes/" + inbox.id().value();
    }

    private static MessageView view(Message message) {
        return new MessageView(message.fromAddr(), message.headerTo() != null ? message.headerTo() : message.toAddr(),
                String.join(", ", message.cc()), date(message.createdAt()), message.subject(), message.bodyText(),
                MailHtml.sanitise(message.bodyHtml()));
    }

    static String date(Instant instant) {
        return DATE.format(instant);
    }
}
