package dev.maildigest.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.maildigest.config.UserError;

/**
 * A public-inbox server root ({@code https://host/}) and its grokmirror manifest
 * ({@code /manifest.js.gz}): every epoch repository the server has, each with a fingerprint of its
 * refs. One request says which of hundreds of epochs changed, so a {@link RemoteMirror} of an inbox
 * of that server fetches only the epochs whose fingerprint moved, and finds new epochs without
 * asking for them one by one. The manifest is read at most once per poll round ({@link #newRound}).
 *
 * <p>The roots are kept here, by URL, for the whole process: archives are plain {@link ArchiveSpec}s
 * (from the command line or an archives file), and a mirror finds its server's manifest by its URL.
 */
public final class ServerManifest {
    private static final Logger log = LoggerFactory.getLogger(ServerManifest.class);
    private static final Pattern V2_EPOCH = Pattern.compile("/([^/]+)/git/(\\d+)\\.git");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, ServerManifest> BY_ROOT = new ConcurrentHashMap<>();
    private static final AtomicLong ROUND = new AtomicLong();

    private final String root;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private Map<String, String> fingerprints; // by path, e.g. /kvm/git/0.git
    private long readInRound = -1;

    private ServerManifest(String root) {
        this.root = root;
    }

    /** Whether {@code source} is a server root: an http(s) URL without a path. */
    public static boolean isServerRoot(String source) {
        if (!ArchiveSpec.isRemote(source)) {
            return false;
        }
        String path = URI.create(source).getPath();
        return path == null || path.isEmpty() || path.equals("/");
    }

    /**
     * The inboxes of the server at {@code source} whose name {@code filter} finds (every inbox when
     * null), in name order, each an archive named after the inbox; the server is remembered so that
     * their mirrors use its manifest.
     */
    public static List<ArchiveSpec> inboxes(String source, Pattern filter) {
        String root = source.replaceAll("/+$", "") + "/";
        ServerManifest manifest = BY_ROOT.computeIfAbsent(root, ServerManifest::new);
        Map<String, String> paths;
        try {
            paths = manifest.fingerprints();
        } catch (IOException e) {
            throw new UserError("cannot read the list of inboxes of " + root + " (" + root + "manifest.js.gz): " + e.getMessage(), e);
        }
        TreeSet<String> names = new TreeSet<>();
        for (String path : paths.keySet()) {
            Matcher epoch = V2_EPOCH.matcher(path);
            if (epoch.matches() && (filter == null || filter.matcher(epoch.group(1)).find())) {
                names.add(epoch.group(1));
            }
        }
        if (names.isEmpty()) {
            throw new UserError(root + " serves no public-inbox v2 inbox" + (filter != null ? " matching --inbox-filter " + filter : ""));
        }
        List<ArchiveSpec> specs = new ArrayList<>();
        for (String name : names) {
            specs.add(ArchiveSpec.of(root + name, null, null));
        }
        log.info("server root={} inboxes={} followed={}", root, paths.keySet().stream()
                .map(V2_EPOCH::matcher).filter(Matcher::matches).map(m -> m.group(1)).distinct().count(), names.size());
        return specs;
    }

    /** The manifest of the server root that {@code base} (an inbox URL) is under, or null when it was not given as one. */
    static ServerManifest serving(String base) {
        for (var root : BY_ROOT.entrySet()) {
            if (base.startsWith(root.getKey())) {
                return root.getValue();
            }
        }
        return null;
    }

    /** Tests only: a server that stopped, whose port may serve something else next. */
    static void forget(String root) {
        BY_ROOT.remove(root);
    }

    /** A new poll round: each manifest is read again, once, when a mirror of its server next asks. */
    static void newRound() {
        ROUND.incrementAndGet();
    }

    /** The epochs of the inbox at {@code base} that the server lists, by number, with their fingerprints. */
    Map<Integer, String> epochs(String base) throws IOException {
        String inbox = base.substring(root.length());
        Map<Integer, String> epochs = new TreeMap<>();
        for (var entry : fingerprints().entrySet()) {
            Matcher epoch = V2_EPOCH.matcher(entry.getKey());
            if (epoch.matches() && epoch.group(1).equals(inbox)) {
                epochs.put(Integer.valueOf(epoch.group(2)), entry.getValue());
            }
        }
        return epochs;
    }

    private synchronized Map<String, String> fingerprints() throws IOException {
        long round = ROUND.get();
        if (fingerprints == null || readInRound != round) {
            fingerprints = read();
            readInRound = round;
        }
        return fingerprints;
    }

    private Map<String, String> read() throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + "manifest.js.gz")).timeout(TIMEOUT).build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading " + request.uri());
        } catch (IOException e) {
            throw new ArchiveUnavailableException("cannot reach " + request.uri() + ": " + e.getMessage(), e);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            String what = request.uri() + " answered " + response.statusCode();
            if (response.statusCode() >= 500) {
                throw new ArchiveUnavailableException(what, null);
            }
            throw new IOException(what + ": not a public-inbox server root?");
        }
        try (InputStream body = new GZIPInputStream(response.body())) {
            Map<String, String> read = new TreeMap<>();
            JsonNode manifest = JSON.readTree(body);
            for (var entries = manifest.fields(); entries.hasNext(); ) {
                var entry = entries.next();
                JsonNode fingerprint = entry.getValue().get("fingerprint");
                read.put(entry.getKey(), fingerprint == null || fingerprint.isNull() ? "" : fingerprint.asText());
            }
            log.debug("manifest read root={} repositories={}", root, read.size());
            return read;
        }
    }
}
