package dev.openmail.bootstrap;

import dev.openmail.adapters.rspamd.RspamdScanner;
import dev.openmail.domain.port.out.ScanMail;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Duration;

/**
 * The optional spam scanner: rspamd at {@code OPENMAIL_RSPAMD_URL} (its normal worker, e.g.
 * {@code http://127.0.0.1:11333}) with {@code OPENMAIL_RSPAMD_TIMEOUT} per message; none when the URL is blank.
 */
@Factory
final class SpamScannerFactory {

    @Singleton
    ScanMail scanMail(@Value("${openmail.rspamd.url:}") String url,
                      @Value("${openmail.rspamd.timeout:2s}") Duration timeout) {
        if (url == null || url.isBlank()) {
            return ScanMail.NONE;
        }
        URI base;
        try {
            base = new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new ConfigurationException("OPENMAIL_RSPAMD_URL must be an http:// URL such as"
                    + " http://127.0.0.1:11333, not '" + url + "'");
        }
        if (!"http".equalsIgnoreCase(base.getScheme()) && !"https".equalsIgnoreCase(base.getScheme())
                || base.getHost() == null) {
            throw new ConfigurationException("OPENMAIL_RSPAMD_URL must be an http:// URL such as"
                    + " http://127.0.0.1:11333, not '" + url + "'");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new ConfigurationException("OPENMAIL_RSPAMD_TIMEOUT must be more than 0 and at most 30s, not "
                    + timeout);
        }
        return new RspamdScanner(base, timeout);
    }
}
