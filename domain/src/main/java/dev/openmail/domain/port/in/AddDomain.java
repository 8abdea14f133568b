package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.maildomain.DomainName;
import dev.openmail.domain.maildomain.MailDomain;
import dev.openmail.domain.pod.PodRef;

import java.util.Objects;

public interface AddDomain {

    MailDomain add(Command command);

    /** Without a pod the domain is account-wide. */
    record Command(Caller caller, DomainName name, PodRef podOrNull) {
        public Command {
            Objects.requireNonNull(caller);
            Objects.requireNonNull(name);
        }
    }
}
