package dev.openmail.adapters.smtpin;

import dev.openmail.domain.port.in.ReceiveMail;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

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

    void findNobodyOnReceive(boolean nobody) {
        nobodyLeft = nobody;
    }

    @Override
    public boolean accepts(String recipient) {
        checked.add(recipient);
        RuntimeException failure = acceptsFailure;
        if (failure != null) {
            throw failure;
        }
        return mailboxes.contains(recipient.toLowerCase(Locale.ROOT));
    }

    @Override
    public int receive(Command command) {
        attempts.add(command);
        RuntimeException failure = receiveFailure;
        if (failure != null) {
            throw failure;
        }
        if (nobodyLeft) {
            return 0;
        }
        stored.add(command);
        return command.recipients().size();
    }
}
