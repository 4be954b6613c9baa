package dev.maildigest.parse;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import dev.maildigest.avro.Address;
import dev.maildigest.avro.AppliedNotice;
import dev.maildigest.avro.DiffTotals;
import dev.maildigest.avro.ParsedMail;
import dev.maildigest.avro.SubjectTags;
import dev.maildigest.avro.Trailer;

/**
 * One parsed mail as one compact JSON object, the line format of {@code pipeline parse --jsonl}:
 * <pre>
 * {"commit":"…","kind":"PATCH","author_name":"…","author_email":"…","sender":"…","date":"…",
 *  "subject":"…","clean_subject":"…","version":3,"number":1,"total":17,"labels":[],
 *  "message_id":"…","thread_root":"…","trailers":{"Signed-off-by":2},
 *  "files":2,"insertions":7,"deletions":8,"change_id":null,
 *  "applied":{"line":"Applied to next, thanks!","where":"next","commits":["0123abcd"]},
 *  "problems":[],"failure":null}
 * </pre>
 * Every key is always present (null when unknown), so lines can be compared column by column.
 * Thread-safe.
 */
public final class ParsedMailJson {
    private static final JsonFactory JSON = new JsonFactory();

    private ParsedMailJson() {
    }

    public static String toJson(ParsedMail mail) {
        StringWriter out = new StringWriter(512);
        write(mail, out);
        return out.toString();
    }

    /** Writes the object, without a line break. */
    public static void write(ParsedMail mail, Writer out) {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            write(mail, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(ParsedMail mail, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("commit", mail.getCoordinates() == null ? null : mail.getCoordinates().getCommit());
        json.writeStringField("kind", mail.getKind() == null ? null : mail.getKind().name());
        Address author = mail.getAuthor();
        json.writeStringField("author_name", author == null ? null : author.getName());
        json.writeStringField("author_email", author == null ? null : author.getEmail());
        json.writeStringField("sender", mail.getSender() == null ? null : mail.getSender().getEmail());
        json.writeStringField("date", mail.getDate() == null ? null : mail.getDate().toString());
        json.writeStringField("subject", mail.getSubject());
        json.writeStringField("clean_subject", mail.getCleanSubject());
        SubjectTags tags = mail.getTags();
        number(json, "version", tags == null ? null : tags.getVersion());
        number(json, "number", tags == null ? null : tags.getNumber());
        number(json, "total", tags == null ? null : tags.getTotal());
        json.writeArrayFieldStart("labels");
        if (tags != null) {
            for (String label : tags.getLabels()) {
                json.writeString(label);
            }
        }
        json.writeEndArray();
        json.writeStringField("message_id", mail.getMessageId());
        json.writeStringField("thread_root", mail.getThreadRoot());
        json.writeObjectFieldStart("trailers");
        for (Map.Entry<String, Integer> count : trailerCounts(mail).entrySet()) {
            json.writeNumberField(count.getKey(), count.getValue());
        }
        json.writeEndObject();
        DiffTotals diff = mail.getDiff();
        number(json, "files", diff == null ? null : diff.getFiles());
        number(json, "insertions", diff == null ? null : diff.getInsertions());
        number(json, "deletions", diff == null ? null : diff.getDeletions());
        json.writeStringField("change_id", mail.getChangeId());
        AppliedNotice applied = mail.getApplied();
        if (applied == null) {
            json.writeNullField("applied");
        } else {
            json.writeObjectFieldStart("applied");
            json.writeStringField("line", applied.getLine());
            json.writeStringField("where", applied.getWhere());
            json.writeArrayFieldStart("commits");
            for (String commit : applied.getCommits()) {
                json.writeString(commit);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeArrayFieldStart("problems");
        for (String problem : mail.getProblems()) {
            json.writeString(problem);
        }
        json.writeEndArray();
        json.writeStringField("failure", mail.getFailure());
        json.writeEndObject();
    }

    /** Trailers counted by name, in order of first appearance. */
    static Map<String, Integer> trailerCounts(ParsedMail mail) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Trailer trailer : mail.getTrailers()) {
            counts.merge(trailer.getName(), 1, Integer::sum);
        }
        return counts;
    }

    private static void number(JsonGenerator json, String name, Integer value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeNumberField(name, value);
        }
    }
}
