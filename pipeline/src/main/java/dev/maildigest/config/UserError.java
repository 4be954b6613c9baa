package dev.maildigest.config;

/**
 * A problem the user can fix (bad flag, unreachable broker, missing archive): the command line
 * prints its message as one line, without a stack trace, and exits non-zero.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
