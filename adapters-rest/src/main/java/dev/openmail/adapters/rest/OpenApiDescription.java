package dev.openmail.adapters.rest;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The head of the OpenAPI description generated from the controllers of this module at compile time. */
@OpenAPIDefinition(
        info = @Info(
                title = "OpenMail server",
                version = "1.0",
                description = "Self-hosted email for AI agents and multi-tenant apps, wire-compatible with the OpenMail API.",
                license = @License(name = "MIT")),
        security = @SecurityRequirement(name = "bearerAuth"),
        tags = {
                @Tag(name = "pods", description = "Isolated workspaces for your tenants"),
                @Tag(name = "inboxes", description = "Email addresses, each in one pod"),
                @Tag(name = "domains", description = "Custom domains, account-wide or scoped to one pod"),
                @Tag(name = "admin", description = "Operator API: accounts of this installation"),
                @Tag(name = "events", description = "Events reach webhooks and the /v1/ws WebSocket as one JSON"
                        + " payload whose message object ends with two extensions, the same objects as the"
                        + " Message schema's: authentication {spf, dkim, dmarc, spoofedLocalSender} (null unless"
                        + " received over SMTP; spoofedLocalSender is true for mail from outside whose From domain"
                        + " this installation hosts and that did not pass DMARC) and spam (MessageSpam: rspamd's"
                        + " verdict, {status: scanned, score, action, symbols} or {status: unscanned, reason}; null"
                        + " without a scanner). Each attachment carries parsedText and extractionMethod as the"
                        + " message view's do, as known when the event was recorded, and the extension"
                        + " parsedTextTruncated."),
                @Tag(name = "attachments", description = "Attachments' bytes and their extracted text"),
                @Tag(name = "usage", description = "Messages received and sent, and storage used against quotas")
        })
@SecurityScheme(name = "bearerAuth", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "API key")
public final class OpenApiDescription {

    private OpenApiDescription() {
    }
}
