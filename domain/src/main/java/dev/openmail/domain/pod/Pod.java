package dev.openmail.domain.pod;

import dev.openmail.domain.access.Place;
import dev.openmail.domain.account.AccountId;
import dev.openmail.domain.common.Change;
import dev.openmail.domain.common.Label;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** A tenant's workspace inside an account: it holds inboxes and may own domains scoped to it. */
public final class Pod {

    private static final Label DEFAULT_POD_NAME = new Label("Default");

    private final PodId id;
    private final AccountId accountId;
    private final ClientId clientId;
    private final Label name;
    private final boolean isDefault;
    private final Instant createdAt;

    private Pod(PodId id, AccountId accountId, ClientId clientId, Label name, boolean isDefault, Instant createdAt) {
        this.id = Objects.requireNonNull(id);
        this.accountId = Objects.requireNonNull(accountId);
        this.clientId = clientId;
        this.name = name;
        this.isDefault = isDefault;
        this.createdAt = Objects.requireNonNull(createdAt).truncatedTo(ChronoUnit.MILLIS);
    }

    /** A new pod of the client's making; {@code clientId} and {@code name} may be null. */
    public static Pod create(AccountId accountId, ClientId clientId, Label name, Instant now) {
        return new Pod(PodId.generate(), accountId, clientId, name, false, now);
    }

    /** The pod every account is born with, where inboxes land when no pod is named. */
    public static Pod createDefault(AccountId accountId, Instant now) {
        return new Pod(PodId.generate(), accountId, null, DEFAULT_POD_NAME, true, now);
    }

    /** Rebuilds a pod from storage. */
    public static Pod reconstitute(PodId id, AccountId accountId, ClientId clientId, Label name, boolean isDefault,
                                   Instant createdAt) {
        return new Pod(id, accountId, clientId, name, isDefault, createdAt);
    }

    public Pod update(Change<ClientId> newClientId, Change<Label> newName) {
        return new Pod(id, accountId, newClientId.applyTo(clientId), newName.applyTo(name), isDefault, createdAt);
    }

    /**
     * Refuses deletion while the pod still holds something, and always for the default pod. Inboxes are checked first:
     * they are what a client most often forgot.
     */
    public void ensureDeletable(PodOccupancy occupancy) {
        if (occupancy.hasInboxes()) {
            throw new PodNotEmptyException(this);
        }
        if (occupancy.hasScopedDomains()) {
            throw new PodHasDomainsException(this);
        }
        if (isDefault) {
            throw new DefaultPodException();
        }
    }

    public boolean answersTo(PodRef ref) {
        if (ref instanceof PodRef.ById byId) {
            return byId.id().equals(id);
        }
        return clientId != null && ((PodRef.ByClientId) ref).clientId().equals(clientId);
    }

    /** Where the pod sits, for the access policy: a pod is inside itself. */
    public Place place() {
        return Place.pod(id);
    }

    public PodId id() {
        return id;
    }

    public AccountId accountId() {
        return accountId;
    }

    public ClientId clientId() {
        return clientId;
    }

    public Label name() {
        return name;
    }

    public boolean isDefault() {
        return isDefault;
    }

    public Instant createdAt() {
        return createdAt;
    }

    String describe() {
        return clientId != null ? "Pod '" + clientId + "'" : "Pod " + id;
    }
}
