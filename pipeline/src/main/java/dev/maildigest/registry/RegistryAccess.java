package dev.maildigest.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.maildigest.config.UserError;

/**
 * Who may change the registry: anyone (the default, as Confluent's registry without
 * authentication), nobody ({@code --read-only}), or the users of an auth file with HTTP basic
 * auth. Reads stay open in every case: producers and consumers look schemas up without
 * credentials.
 */
public final class RegistryAccess {
    static final String CHALLENGE = "Basic realm=\"maildigest-schema-registry\", charset=\"UTF-8\"";

    private final boolean readOnly;
    /** SHA-256 of each accepted "user:password"; null: no authentication. */
    private final List<byte[]> credentials;

    private RegistryAccess(boolean readOnly, List<byte[]> credentials) {
        this.readOnly = readOnly;
        this.credentials = credentials;
    }

    public static RegistryAccess open() {
        return new RegistryAccess(false, null);
    }

    public static RegistryAccess readOnly() {
        return new RegistryAccess(true, null);
    }

    /**
     * Writes need one of the users of {@code file}: one {@code user:password} a line (the form of
     * the clients' {@code basic.auth.user.info}); blank lines and lines starting with # are skipped.
     */
    public static RegistryAccess usersOf(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot read the auth file " + file + ": " + e.getMessage(), e);
        }
        List<byte[]> credentials = new ArrayList<>();
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 1 || colon == line.length() - 1) {
                throw new UserError("auth file " + file + " line " + n + ": expected user:password");
            }
            credentials.add(sha256(line));
        }
        if (credentials.isEmpty()) {
            throw new UserError("auth file " + file + " names no user (one user:password a line)");
        }
        return new RegistryAccess(false, List.copyOf(credentials));
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public boolean needsCredentials() {
        return credentials != null;
    }

    /**
     * Why a write with this Authorization header (null: none) is refused, or null when it may go:
     * 401 without valid credentials, 422/42205 in read-only mode (Confluent's "operation not
     * permitted").
     */
    RegistryError refusal(String authorization) {
        if (readOnly) {
            return new RegistryError(422, 42205, "Operation not permitted: this registry is read-only");
        }
        if (credentials == null) {
            return null;
        }
        byte[] given = authorization == null ? null : basicCredentials(authorization);
        boolean known = false;
        if (given != null) {
            byte[] hash = sha256(new String(given, StandardCharsets.UTF_8));
            for (byte[] c : credentials) {
                known |= MessageDigest.isEqual(c, hash); // constant time, and every entry is compared
            }
        }
        return known ? null : new RegistryError(401, 401, "Unauthorized: writes need HTTP basic auth with a user of the registry's auth file");
    }

    /** The decoded "user:password" of a Basic Authorization header, or null. */
    private static byte[] basicCredentials(String authorization) {
        String[] parts = authorization.strip().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Basic")) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JVM has SHA-256
        }
    }
}
