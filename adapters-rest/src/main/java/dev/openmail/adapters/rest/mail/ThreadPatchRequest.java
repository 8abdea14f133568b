package dev.openmail.adapters.rest.mail;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of PATCH /v1/threads/{id}; documents the API, while the controller reads the body itself. The body is open,
 * as in the OpenMail description: fields other than is_read are ignored.
 */
@Serdeable
@Schema(name = "ThreadPatchRequest")
public record ThreadPatchRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean is_read) {
}
