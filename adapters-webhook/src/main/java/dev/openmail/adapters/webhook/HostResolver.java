package dev.openmail.adapters.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a host name (or an address literal) into addresses; {@code InetAddress::getAllByName} in production. */
@FunctionalInterface
public interface HostResolver {

    InetAddress[] resolve(String host) throws UnknownHostException;
}
