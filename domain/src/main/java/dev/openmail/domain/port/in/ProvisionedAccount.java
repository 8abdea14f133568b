package dev.openmail.domain.port.in;

import dev.openmail.domain.account.Account;
import dev.openmail.domain.apikey.IssuedApiKey;
import dev.openmail.domain.pod.Pod;

/** A freshly opened account with its default pod and its first account-wide key. */
public record ProvisionedAccount(Account account, Pod defaultPod, IssuedApiKey apiKey) {
}
