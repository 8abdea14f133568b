package dev.openmail.adapters.console;

import dev.openmail.adapters.console.Pages.SignedIn;
import dev.openmail.domain.apikey.ApiKey;
import dev.openmail.domain.apikey.ApiKeyId;
import dev.openmail.domain.apikey.IssuedApiKey;
import dev.openmail.domain.apikey.KeyHolder;
import dev.openmail.domain.common.Label;
import dev.openmail.domain.common.PageRequest;
import dev.openmail.domain.port.in.IssueApiKey;
import dev.openmail.domain.port.in.ListApiKeys;
import dev.openmail.domain.port.in.RevokeApiKey;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * A pod's or an inbox's keys as its page shows them, by their token's prefix and last four characters only, and the
 * page that shows a new key's token: the one time it is ever shown, in the answer to the form that minted it, so that
 * it never appears in a URL, a redirect or a log.
 */
@Singleton
final class KeyPages {

    // A holder never has more active keys than this, so one page lists them all.
    private static final PageRequest ALL_KEYS = new PageRequest(ApiKey.MAX_ACTIVE_PER_HOLDER, 0);

    private final Pages pages;
    private final IssueApiKey issueApiKey;
    private final ListApiKeys listApiKeys;
    private final RevokeApiKey revokeApiKey;

    KeyPages(Pages pages, IssueApiKey issueApiKey, ListApiKeys listApiKeys, RevokeApiKey revokeApiKey) {
        this.pages = pages;
        this.issueApiKey = issueApiKey;
        this.listApiKeys = listApiKeys;
        this.revokeApiKey = revokeApiKey;
    }

    record KeyRow(String id, String name, String token, String createdAt, String lastUsedAt) {
    }

    /** Where a holder's page is, and what to call the holder on the new key's page. */
    record Holder(KeyHolder holder, String path, String title) {
    }

    /** The holder's keys for its page's model, under "keys"; the forms post under "keysPath". */
    void addTo(Map<String, Object> model, SignedIn user, Holder holder) {
        List<KeyRow> rows = listApiKeys.list(user.caller(), holder.holder(), ALL_KEYS).items().stream()
                .map(key -> new KeyRow(key.id().value(), key.name() == null ? "" : key.name().value(),
                        key.tokenPrefix() + "…" + key.last4(), MailPagesController.date(key.createdAt()),
                        key.lastUsedAt() == null ? "Never" : MailPagesController.date(key.lastUsedAt())))
                .toList();
        model.put("keys", rows);
        model.put("keysPath", holder.path() + "/keys");
    }

    /** Mints a key named by the form's "name" field and answers with the page that shows its token. */
    MutableHttpResponse<String> mint(HttpRequest<?> request, SignedIn user, Holder holder, FormBody form) {
        String name = form.trimmedOrNull("name");
        IssuedApiKey issued = issueApiKey.issue(new IssueApiKey.Command(user.caller(), holder.holder(),
                name == null ? null : Label.parse("name", name)));
        Map<String, Object> model = user.model();
        model.put("holderTitle", holder.title());
        model.put("holderPath", holder.path());
        model.put("name", issued.key().name() == null ? null : issued.key().name().value());
        model.put("token", issued.token().reveal());
        return pages.render(request, HttpStatus.CREATED, "console/new-key", model);
    }

    void revoke(SignedIn user, Holder holder, String keyId) {
        revokeApiKey.revoke(user.caller(), holder.holder(), ApiKeyId.fromPath(keyId));
    }
}
