package dev.maildigest.ingest;

import java.io.IOException;

/** The archive cannot be read right now (network down, server error): retried with backoff when following. */
public final class ArchiveUnavailableException extends IOException {
    public ArchiveUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
