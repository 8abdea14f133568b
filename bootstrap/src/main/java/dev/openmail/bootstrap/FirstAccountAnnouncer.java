package dev.openmail.bootstrap;

import dev.openmail.domain.port.in.EnsureBootstrapAccount;
import dev.openmail.domain.port.in.ProvisionedAccount;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;

import java.io.PrintStream;
import java.util.Optional;

/**
 * Makes sure there is an account to use before the server takes requests, and once it listens tells the operator how
 * to get an API key. A key generated here is printed once and never again: only its hash is stored.
 */
@Singleton
final class FirstAccountAnnouncer {

    private final EnsureBootstrapAccount ensureBootstrapAccount;
    private final OpenMailSettings settings;
    private final PrintStream out = System.out;

    FirstAccountAnnouncer(EnsureBootstrapAccount ensureBootstrapAccount, OpenMailSettings settings) {
        this.ensureBootstrapAccount = ensureBootstrapAccount;
        this.settings = settings;
    }

    private Optional<ProvisionedAccount> opened = Optional.empty();

    @EventListener
    void ensureAccount(StartupEvent event) {
        opened = ensureBootstrapAccount.ensure(settings.bootstrapApiKey());
    }

    @EventListener
    void announce(ServerStartupEvent event) {
        String base = "http://localhost:" + event.getSource().getPort();
        StringBuilder text = new StringBuilder()
                .append("\n------------------------------------------------------------------------\n")
                .append(" OpenMail server: HTTP API on ").append(base).append('\n')
                .append(" API reference:   ").append(base).append("/swagger-ui/\n");
        if (opened.isPresent() && settings.bootstrapApiKey().isEmpty()) {
            String token = opened.get().apiKey().token().reveal();
            text.append("\n A first account was opened (").append(opened.get().account().id()).append(").\n")
                    .append(" Its API key is printed this once; store it now:\n\n")
                    .append("   ").append(token).append("\n\n")
                    .append(" Try: curl -H 'Authorization: Bearer ").append(token).append("' ").append(base).append("/v1/pods\n");
        } else if (opened.isPresent()) {
            text.append("\n An account was opened for OPENMAIL_BOOTSTRAP_API_KEY (").append(opened.get().account().id())
                    .append("); use that key.\n");
        } else {
            text.append("\n API keys: use the key printed when this installation first started, or the one in\n")
                    .append(" OPENMAIL_BOOTSTRAP_API_KEY; with OPENMAIL_ADMIN_TOKEN set, POST /admin/v1/accounts\n")
                    .append(" opens further accounts, each with a new key.\n");
        }
        text.append("------------------------------------------------------------------------");
        out.println(text);
    }
}
