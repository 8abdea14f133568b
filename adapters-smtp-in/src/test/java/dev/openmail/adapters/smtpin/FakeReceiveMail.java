package dev.openmail.adapters.smtpin;

import dev.openmail.domain.port.in.ReceiveMail;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Records what the listener asks; knows a fixed set of mailboxes and can be told to fail or to find nobody. */
final class FakeReceiveMail implements ReceiveMail {

    private final Set<String> mailboxes = ConcurrentHashMap.newKeySet();
    /** Every address asked about at RCPT TO, as given. */
    final List<String> checked = new CopyOnWriteArrayList<>();
    /** Every call of receive, also those that failed or found nobody. */
    final List<Command> attempts = new CopyOnWriteArrayList<>();
    /** The messages stored, i.e. receive calls that returned a positive count. */
    final List<Command> stored = new CopyOnWriteArrayList<>();
    private volatile RuntimeException receiveFailure;
    private volatile RuntimeException acceptsFailure;
    private volatile boolean nobodyLeft;
    private volatile Consumer<Command> onReceive = command -> { };
    private final Set<String> fullMailboxes = ConcurrentHashMap.newKeySet();
    private volatile Refusal refusal;

    FakeReceiveMail(String... mailboxes) {
        for (String mailbox : mailboxes) {
            this.mailboxes.add(mailbox.toLowerCase(Locale.ROOT));
        }
    }

    void failReceiveWith(RuntimeException failure) {
        receiveFailure = failure;
    }

    void failAcceptsWith(RuntimeException failure) {
        acceptsFailure = failure;
    }

    /** Runs first in every receive call, on the session's thread: to look at the listener meanwhile, or to hold it. */
    void onReceive(Consumer<Command> action) {
        onReceive = action;
    }

    void findNobodyOnReceive(boolean nobody) {
        nobodyLeft = nobody;
    }

    @Override
    public Recipient check(String recipient) {
        checked.add(recipient);
        RuntimeException failure = acceptsFailure;
        if (failure != null) {
            throw failure;
        }
        if (fullMailboxes.contains(recipient.toLowerCase(Locale.ROOT))) {
            return Recipient.FULL;
        }
        return mailboxes.contains(recipient.toLowerCase(Locale.ROOT)) ? Recipient.ACCEPTED : Recipient.UNKNOWN;
    }

    @Override
    public Receipt receive(Command command) {
        onReceive.accept(command);
        attempts.add(command);
        RuntimeException failure = receiveFailure;
        if (failure != null) {
            throw failure;
        }
        if (refusal != null) {
            return Receipt.refused(refusal);
        }
        if (nobodyLeft) {
            return Receipt.taken(0);
        }
        stored.add(command);
        return Receipt.taken(command.recipients().size());
    }

    /** Answers FULL at RCPT TO for this mailbox. */
    void fill(String mailbox) {
        fullMailboxes.add(mailbox.toLowerCase(Locale.ROOT));
    }

    /** Refuses every message after DATA so. */
    void refuseWith(Refusal answer) {
        refusal = answer;
    }
}
