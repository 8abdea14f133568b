package dev.openmail.adapters.console;

import dev.openmail.adapters.console.Pages.SignedIn;
import dev.openmail.domain.apikey.KeyHolder;
import dev.openmail.domain.common.Change;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.inbox.Inbox;
import dev.openmail.domain.inbox.InboxId;
import dev.openmail.domain.inbox.WebhookUrl;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.AttachmentInfo;
import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.mail.SpamVerdict;
import dev.openmail.domain.mail.ThreadId;
import dev.openmail.domain.port.in.GetInbox;
import dev.openmail.domain.port.in.GetThreadMessages;
import dev.openmail.domain.mail.BodyBudget;
import dev.openmail.domain.mail.BoundedMessage;
import dev.openmail.domain.port.in.ListThreads;
import dev.openmail.domain.port.in.ManageWebhooks;
import dev.openmail.domain.port.in.UpdateInbox;
import dev.openmail.domain.webhook.AccountWebhook;
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

import java.util.List;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Reading an inbox: its threads, newest first, and a thread's messages; the inbox's keys; and its webhook (URL, secret,
 * test and recent deliveries). Only account-wide keys sign in to the console, and they may do all of it.
 */
@Controller(Pages.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
final class MailPagesController {

    /** The most characters of message bodies one thread page shows. */
    private static final BodyBudget THREAD_BODY_BUDGET = new BodyBudget(2_000_000);

    static final int PAGE_SIZE = 20;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Pages pages;
    private final GetInbox getInbox;
    private final ListThreads listThreads;
    private final GetThreadMessages getThreadMessages;
    private final KeyPages keyPages;
    private final UpdateInbox updateInbox;
    private final ManageWebhooks manageWebhooks;
    private final WebhookPages webhookPages;

    MailPagesController(Pages pages, GetInbox getInbox, ListThreads listThreads, GetThreadMessages getThreadMessages,
                        KeyPages keyPages, UpdateInbox updateInbox, ManageWebhooks manageWebhooks,
                        WebhookPages webhookPages) {
        this.pages = pages;
        this.getInbox = getInbox;
        this.listThreads = listThreads;
        this.getThreadMessages = getThreadMessages;
        this.keyPages = keyPages;
        this.updateInbox = updateInbox;
        this.manageWebhooks = manageWebhooks;
        this.webhookPages = webhookPages;
    }

    record ThreadRow(String id, String subject, boolean unread, int messages, String lastMessageAt) {
    }

    /**
     * {@code spoofedLocalSender}: the message came from outside claiming a sender on this installation's domains
     * without passing DMARC, so the page says it is not from whom it names; {@code spam}: the scanner's verdict in
     * words, null without one.
     */
    record MessageView(String from, String to, String cc, String date, String subject, String bodyText,
                       String bodyHtml, boolean spoofedLocalSender, String spam, boolean truncated,
                       List<AttachmentRow> attachments, List<DeliveryRow> delivery) {
    }

    /** One recipient of a sent message: its state and the last reply of its mail server (empty when none). */
    record DeliveryRow(String address, String status, String reply) {
    }

    /**
     * An attachment with what reading it gave: {@code text} (null when none) and {@code status}, the method, or the
     * reason there is no text, or that it was not read yet.
     */
    record AttachmentRow(String filename, String contentType, long sizeBytes, String text, String status) {

        static AttachmentRow of(AttachmentInfo info) {
            AttachmentText read = info.textOrNull();
            String status = read == null ? "text not read yet"
                    : read.failureOrNull() != null ? "no text: " + read.extractionMethod()
                    : "text (" + read.extractionMethod() + (read.truncated() ? ", cut at the limit)" : ")");
            return new AttachmentRow(info.filename(), info.contentType(), info.sizeBytes(),
                    read == null ? null : read.textOrNull(), status);
        }
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

    /**
     * Sets the inbox's webhook URL, or removes it when the field is empty. The first URL comes with a signing secret,
     * shown in the answer this once.
     */
    @Post("/inboxes/{id}/webhook")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> setWebhook(HttpRequest<?> request, @PathVariable String id,
                                           @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> {
            Inbox inbox = getInbox.get(user.caller(), InboxId.fromPath(id));
            return Pages.changeOrRefusal(() -> {
                String url = form.trimmedOrNull("webhookUrl");
                UpdateInbox.Updated updated = updateInbox.update(new UpdateInbox.Command(user.caller(), inbox.id(),
                        Change.keep(), Change.to(url == null ? null : new WebhookUrl(url))));
                if (updated.issuedSecret() != null) {
                    return webhookPages.secret(request, user, "inbox " + inbox.address().value(),
                            inboxPath(inbox) + "#webhook", updated.issuedSecret(), false);
                }
                return Pages.redirect(inboxPath(inbox) + "#webhook");
            }, refusal -> webhookRefusal(request, user, inbox, refusal));
        });
    }

    @Post("/inboxes/{id}/webhook/test")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> testWebhook(HttpRequest<?> request, @PathVariable String id,
                                            @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> {
            Inbox inbox = getInbox.get(user.caller(), InboxId.fromPath(id));
            return Pages.changeOrRefusal(
                    () -> WebhookPages.test(() -> manageWebhooks.testInbox(user.caller(), inbox.id()),
                            (status, notices) -> inboxPage(request, user, inbox, 1, status, null, notices)),
                    refusal -> webhookRefusal(request, user, inbox, refusal));
        });
    }

    @Post("/inboxes/{id}/webhook/rotate-secret")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<String> rotateWebhookSecret(HttpRequest<?> request, @PathVariable String id,
                                                    @Body @Nullable byte[] body) {
        return pages.action(request, body, (user, form) -> {
            Inbox inbox = getInbox.get(user.caller(), InboxId.fromPath(id));
            return Pages.changeOrRefusal(() -> webhookPages.secret(request, user, "inbox " + inbox.address().value(),
                            inboxPath(inbox) + "#webhook", manageWebhooks.rotateInboxSecret(user.caller(), inbox.id()),
                            true),
                    refusal -> webhookRefusal(request, user, inbox, refusal));
        });
    }

    @Get("/threads/{id}")
    MutableHttpResponse<String> thread(HttpRequest<?> request, @PathVariable String id) {
        return pages.page(request, user -> {
            // a thread's first 100 messages, their bodies sharing the budget: a huge thread cannot fill the heap
            GetThreadMessages.ThreadWithMessages thread = getThreadMessages.get(user.caller(), ThreadId.fromPath(id),
                    new PageRequest(PageRequest.MAX_LIMIT, 0), THREAD_BODY_BUDGET);
            Map<String, Object> model = user.model();
            model.put("subject", thread.thread().subject().isBlank() ? "(no subject)" : thread.thread().subject());
            model.put("inboxId", thread.thread().inboxId().value());
            model.put("messages", thread.messages().items().stream().map(MailPagesController::view).toList());
            model.put("shown", thread.messages().items().size());
            model.put("total", thread.messages().total());
            return pages.ok(request, "console/thread", model);
        });
    }

    private MutableHttpResponse<String> webhookRefusal(HttpRequest<?> request, SignedIn user, Inbox inbox,
                                                       String refusal) {
        return inboxPage(request, user, inbox, 1, HttpStatus.UNPROCESSABLE_ENTITY, null,
                Map.of("webhookError", refusal));
    }

    private MutableHttpResponse<String> inboxPage(HttpRequest<?> request, SignedIn user, Inbox inbox, int pageNumber,
                                                  HttpStatus status, String error) {
        return inboxPage(request, user, inbox, pageNumber, status, error, Map.of());
    }

    /** The inbox page; {@code webhookNotices} holds what the webhook section says about the last webhook form. */
    private MutableHttpResponse<String> inboxPage(HttpRequest<?> request, SignedIn user, Inbox inbox, int pageNumber,
                                                  HttpStatus status, String error,
                                                  Map<String, String> webhookNotices) {
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
        model.put("webhookUrl", inbox.webhookUrl() == null ? null : inbox.webhookUrl().value());
        model.put("accountWebhookUrl", manageWebhooks.accountWebhook(user.caller())
                .map(AccountWebhook::url).map(WebhookUrl::value).orElse(null));
        model.put("deliveries", WebhookPages.rows(manageWebhooks.inboxDeliveries(user.caller(), inbox.id(),
                WebhookPages.RECENT)));
        model.put("testResult", webhookNotices.get("testResult"));
        model.put("webhookError", webhookNotices.get("webhookError"));
        model.put("error", error);
        return pages.render(request, status, "console/inbox", model);
    }

    private static KeyPages.Holder keyHolder(Inbox inbox) {
        return new KeyPages.Holder(KeyHolder.inbox(inbox.id()), inboxPath(inbox), "inbox " + inbox.address().value());
    }

    private static String inboxPath(Inbox inbox) {
        return Pages.BASE + "/inboxes/" + inbox.id().value();
    }

    private static MessageView view(BoundedMessage read) {
        Message message = read.message();
        return new MessageView(message.fromAddr(), message.headerTo() != null ? message.headerTo() : message.toAddr(),
                String.join(", ", message.cc()), date(message.createdAt()), message.subject(), message.bodyText(),
                MailHtml.sanitise(message.bodyHtml()),
                message.authentication() != null && message.authentication().spoofedLocalSender(),
                spam(message.spam()), read.bodyTruncated(),
                message.attachments().stream().map(AttachmentRow::of).toList(),
                read.delivery().stream().map(recipient -> new DeliveryRow(recipient.address(),
                        recipient.state().wireName(), recipient.reply())).toList());
    }

    private static String spam(SpamVerdict spam) {
        if (spam == null) {
            return null;
        }
        return spam.status() == SpamVerdict.Status.SCANNED
                ? "score " + spam.score() + ", " + spam.action()
                + (spam.symbols().isEmpty() ? "" : " (" + String.join(", ", spam.symbols()) + ")")
                : "not scanned: " + spam.reason();
    }

    static String date(Instant instant) {
        return DATE.format(instant);
    }
}
