package dev.openmail.adapters.rest.maildomain;

import dev.openmail.adapters.rest.auth.CallerAttribute;
import dev.openmail.adapters.rest.error.ApiError;
import dev.openmail.adapters.rest.json.JsonBodies;
import dev.openmail.adapters.rest.json.JsonObject;
import dev.openmail.adapters.rest.json.ListView;
import dev.openmail.adapters.rest.json.Paging;
import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.common.Change;
import dev.openmail.domain.common.InvalidInputException;
import dev.openmail.domain.common.Page;
import dev.openmail.domain.maildomain.DomainId;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.maildomain.MxHost;
import dev.openmail.domain.pod.PodRef;
import dev.openmail.domain.port.in.AddDomain;
import dev.openmail.domain.port.in.DeleteDomain;
import dev.openmail.domain.port.in.GetDomain;
import dev.openmail.domain.port.in.ListDomains;
import dev.openmail.domain.port.in.RescopeDomain;
import dev.openmail.domain.port.in.VerifyDomain;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

@Controller("/v1/domains")
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiResponse(responseCode = "401", description = "Missing, malformed, unknown or revoked API key",
        content = @Content(schema = @Schema(implementation = ApiError.class)))
@Tag(name = "domains")
final class DomainController {

    private final AddDomain addDomain;
    private final ListDomains listDomains;
    private final GetDomain getDomain;
    private final RescopeDomain rescopeDomain;
    private final DeleteDomain deleteDomain;
    private final VerifyDomain verifyDomain;
    private final JsonBodies bodies;
    private final MxHost mxHost;

    DomainController(AddDomain addDomain, ListDomains listDomains, GetDomain getDomain, RescopeDomain rescopeDomain,
                     DeleteDomain deleteDomain, VerifyDomain verifyDomain, JsonBodies bodies,
                     MxHost mxHost) {
        this.addDomain = addDomain;
        this.listDomains = listDomains;
        this.getDomain = getDomain;
        this.rescopeDomain = rescopeDomain;
        this.deleteDomain = deleteDomain;
        this.verifyDomain = verifyDomain;
        this.bodies = bodies;
        this.mxHost = mxHost;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Status(HttpStatus.CREATED)
    @Operation(operationId = "createDomain", summary = "Add domain",
            description = "Adds a custom domain, account-wide or scoped to one pod, and lists the DNS records to publish.")
    @ApiResponse(responseCode = "201", description = "Domain added")
    @ApiResponse(responseCode = "400", description = "bad_request or invalid_pod", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "domain_taken", content = @Content(schema = @Schema(implementation = ApiError.class)))
    DomainView create(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                      @Body @Nullable @RequestBody(content = @Content(schema = @Schema(implementation = DomainRequest.class))) byte[] body) {
        JsonObject json = bodies.object(body, DomainRequest.class);
        DomainName name = json.string("domain").map(text -> DomainName.parse("domain", text)).applyTo(null);
        if (name == null) {
            throw new InvalidInputException("domain", "domain is required, e.g. {\"domain\":\"mail.example.com\"}.");
        }
        PodRef pod = json.string("podId").map(PodRef::fromBody).applyTo(null);
        return DomainView.of(addDomain.add(new AddDomain.Command(caller, name, pod)), mxHost);
    }

    @Get
    @Operation(operationId = "listDomains", summary = "List domains", description = "Oldest first; ?podId= keeps the domains scoped to one pod.")
    ListView<DomainView> list(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller,
                              @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String limit,
                              @QueryValue @Nullable @Parameter(schema = @Schema(type = "integer")) String offset,
                              @QueryValue @Nullable @Parameter(description = "Pod id or clientId; unknown gives an empty list") String podId) {
        var page = Paging.parse(limit, offset);
        if (podId != null && PodRef.parse(podId).isEmpty()) {
            return ListView.of(new Page<MailDomain>(List.of(), 0), this::view);
        }
        return ListView.of(listDomains.list(caller, podId == null ? null : PodRef.parse(podId).get(), page),
                this::view);
    }

    @Get("/{id}")
    @Operation(operationId = "getDomain", summary = "Get domain")
    @ApiResponse(responseCode = "404", description = "Not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    DomainView get(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller, @PathVariable String id) {
        return view(getDomain.get(caller, DomainId.fromPath(id)));
    }

    @Patch("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateDomain", summary = "Change a domain's scope",
            description = "podId null makes the domain account-wide (always allowed); a pod scopes it to that pod, allowed"
                    + " only while every inbox on the domain is in that pod.")
    @ApiResponse(responseCode = "404", description = "Not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "409", description = "domain_in_use", content = @Content(schema = @Schema(implementation = ApiError.class)))
    DomainView update(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller, @PathVariable String id,
                      @Body @Nullable @RequestBody(content = @Content(schema = @Schema(implementation = DomainPatchRequest.class))) byte[] body) {
        DomainId domainId = DomainId.fromPath(id);
        JsonObject json = bodies.object(body, DomainPatchRequest.class);
        Change<PodRef> scope = json.string("podId").map(PodRef::fromBody);
        if (!scope.isPresent()) {
            return view(getDomain.get(caller, domainId));
        }
        return view(rescopeDomain.rescope(caller, domainId, scope.applyTo(null)));
    }

    @Delete("/{id}")
    @Consumes(MediaType.ALL)
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteDomain", summary = "Delete domain", description = "Only a domain without inboxes.")
    @ApiResponse(responseCode = "204", description = "Domain deleted")
    @ApiResponse(responseCode = "409", description = "domain_has_inboxes", content = @Content(schema = @Schema(implementation = ApiError.class)))
    HttpResponse<Void> delete(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller, @PathVariable String id) {
        deleteDomain.delete(caller, DomainId.fromPath(id));
        return HttpResponse.noContent();
    }

    @Post("/{id}/verify")
    @Consumes(MediaType.ALL)
    @Operation(operationId = "verifyDomain", summary = "Verify domain",
            description = "Looks up the domain's records in DNS now; verified once MX, SPF, DKIM and ownership all match.")
    @ApiResponse(responseCode = "200", description = "The domain as it now stands")
    @ApiResponse(responseCode = "502", description = "dns_unavailable", content = @Content(schema = @Schema(implementation = ApiError.class)))
    DomainView verify(@RequestAttribute(CallerAttribute.NAME) @Parameter(hidden = true) Caller caller, @PathVariable String id) {
        return view(verifyDomain.verify(caller, DomainId.fromPath(id)));
    }

    private DomainView view(MailDomain domain) {
        return DomainView.of(domain, mxHost);
    }
}
