package dev.maildigest.serve;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import dev.maildigest.avro.Digest;
import dev.maildigest.digest.HtmlRenderer;

/**
 * A list's Atom feed (RFC 4287): one entry per digest, newest first. Ids are name-based UUIDs of
 * the list and the full commit range, so an entry keeps its id wherever and whenever it is served;
 * {@code updated} is the date of the range's last message. Each entry's content is the digest's
 * HTML, as escaped text (type="html"); links are absolute paths, resolved against the feed's own
 * address. Text is written through an XML writer, and characters XML 1.0 cannot carry (mail may
 * hold control characters) are dropped.
 */
final class AtomFeed {
    static final String CONTENT_TYPE = "application/atom+xml; charset=utf-8";
    /** Entries in a feed: readers poll it; older digests are on the list's pages. */
    static final int ENTRIES = 20;

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final HtmlRenderer HTML = new HtmlRenderer();

    private AtomFeed() {
    }

    static String render(ListSummary list, List<Digest> newestFirst) {
        StringWriter text = new StringWriter(64 * 1024);
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("utf-8", "1.0");
            xml.writeCharacters("\n");
            xml.setDefaultNamespace(ATOM);
            xml.writeStartElement(ATOM, "feed");
            xml.writeDefaultNamespace(ATOM);
            element(xml, "id", "urn:uuid:" + uuid("list " + list.list()));
            element(xml, "title", list.listName() + " mailing list digests");
            element(xml, "updated", timestamp(newestFirst.isEmpty() ? null : date(newestFirst.get(0))));
            link(xml, "self", "application/atom+xml", Links.feed(list.list()));
            link(xml, "alternate", "text/html", Links.list(list.list()));
            xml.writeStartElement("author");
            element(xml, "name", "maildigest");
            xml.writeEndElement();
            element(xml, "generator", "maildigest");
            for (Digest d : newestFirst) {
                entry(xml, d);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the feed of " + list.list(), e);
        }
        return text.toString();
    }

    private static void entry(XMLStreamWriter xml, Digest d) throws XMLStreamException {
        String range = d.getFirstShort() + ".." + d.getLastShort();
        xml.writeStartElement("entry");
        element(xml, "id", "urn:uuid:" + uuid("digest " + d.getList() + " " + d.getRange().getFirst() + ".." + d.getRange().getLast()));
        element(xml, "title", d.getListName() + " mailing list update from " + d.getFirstShort() + " to " + d.getLastShort());
        element(xml, "updated", timestamp(date(d)));
        if (d.getDateFrom() != null) {
            element(xml, "published", timestamp(d.getDateFrom()));
        }
        link(xml, "alternate", "text/html", Links.digest(d.getList(), range));
        xml.writeStartElement("content");
        xml.writeAttribute("type", "html");
        xml.writeCharacters(xmlSafe(HTML.body(d)));
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static Instant date(Digest d) {
        return d.getDateTo() != null ? d.getDateTo() : d.getDateFrom();
    }

    private static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(xmlSafe(value));
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String type, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", xmlSafe(href));
    }

    /** RFC 3339 in UTC; a digest without dates reads as the epoch, so that the feed stays valid. */
    private static String timestamp(Instant date) {
        return DateTimeFormatter.ISO_INSTANT.format(date == null ? Instant.EPOCH : date);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(("maildigest " + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The text without the characters XML 1.0 forbids (controls but tab and line ends, lone surrogates, U+FFFE/F). */
    static String xmlSafe(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (!ok && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            } else if (ok && out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
