package dev.openmail.application.fakes;

import dev.openmail.domain.port.out.PostWebhook;
import dev.openmail.domain.webhook.WebhookRequest;
import dev.openmail.domain.webhook.WebhookResponse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Webhook endpoints whose answers a test chooses: each POST takes the next queued answer, else the default (200).
 * Every request is kept.
 */
public final class ScriptedWebhooks implements PostWebhook {

    private final List<WebhookRequest> requests = new ArrayList<>();
    private final Deque<WebhookResponse> queued = new ArrayDeque<>();
    private WebhookResponse byDefault = WebhookResponse.answered(200, 5);

    public synchronized ScriptedWebhooks answer(WebhookResponse response) {
        byDefault = response;
        return this;
    }

    public synchronized ScriptedWebhooks thenAnswer(WebhookResponse response) {
        queued.add(response);
        return this;
    }

    public synchronized List<WebhookRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public synchronized WebhookResponse post(WebhookRequest request) {
        requests.add(request);
        return queued.isEmpty() ? byDefault : queued.poll();
    }
}
