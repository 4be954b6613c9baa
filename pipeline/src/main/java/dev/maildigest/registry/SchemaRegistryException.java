package dev.maildigest.registry;

import dev.maildigest.config.UserError;

/** A Schema Registry call that failed: unreachable, refused (4xx) or broken (5xx). */
public final class SchemaRegistryException extends UserError {
    private final int status;
    private final int errorCode;

    public SchemaRegistryException(String message, int status, int errorCode) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** HTTP status, or -1 when the registry could not be reached. */
    public int status() {
        return status;
    }

    /** Confluent's error_code from the answer body (e.g. 40401 subject not found), else the status. */
    public int errorCode() {
        return errorCode;
    }
}
