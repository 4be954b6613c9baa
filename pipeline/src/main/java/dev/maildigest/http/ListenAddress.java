package dev.maildigest.http;

import dev.maildigest.config.UserError;

/**
 * A {@code --listen} value: HOST:PORT, [IPv6]:PORT, or :PORT for all addresses.
 *
 * @param host address to bind
 * @param port 0 to 65535, 0 picking a free one
 */
public record ListenAddress(String host, int port) {

    public static ListenAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new UserError("--listen wants HOST:PORT, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new ListenAddress(host.isEmpty() ? "0.0.0.0" : host, port);
        } catch (NumberFormatException e) {
            throw new UserError("--listen wants HOST:PORT with a port from 0 to 65535, got '" + text + "'");
        }
    }
}
