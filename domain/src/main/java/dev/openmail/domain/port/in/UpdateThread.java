package dev.openmail.domain.port.in;

import dev.openmail.domain.apikey.Caller;
import dev.openmail.domain.mail.MailThread;
import dev.openmail.domain.mail.ThreadId;

public interface UpdateThread {

    MailThread markRead(Caller caller, ThreadId threadId, boolean isRead);
}
