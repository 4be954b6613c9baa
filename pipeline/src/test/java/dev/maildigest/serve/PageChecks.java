package dev.maildigest.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.w3c.dom.NodeList;

/** Served documents parsed as a browser and a feed reader parse them. */
final class PageChecks {
    private PageChecks() {
    }

    static Document html(String page) {
        return Jsoup.parse(page);
    }

    /**
     * Nothing in the page runs or loads: no script, no element that fetches, no event handler
     * attribute, no link whose scheme is not http(s) or that is not a path of this server.
     */
    static void assertNoLiveMarkup(Document page) {
        assertTrue(page.select("script, img, iframe, object, embed, svg, math, form, base, meta[http-equiv]").isEmpty(),
                "no active elements: " + page.select("script, img, iframe, object, embed, svg, math, form, base, meta[http-equiv]"));
        for (Element element : page.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                assertTrue(!attribute.getKey().toLowerCase().startsWith("on"), "event handler " + attribute + " on " + element.tagName());
                assertTrue(!attribute.getKey().equalsIgnoreCase("style"), "inline style " + attribute);
            }
        }
        for (Element link : page.select("[href]")) {
            String href = link.attr("href");
            if (link.tagName().equals("link") && link.attr("rel").equals("alternate")) {
                assertTrue(href.startsWith("/"), "feed link " + href);
                continue;
            }
            assertTrue(href.startsWith("/") && !href.startsWith("//") || href.startsWith("https://") || href.startsWith("http://"),
                    "link to " + href);
        }
        assertEquals(page.select("link").size(), page.select("link[rel=alternate]").size(), "no stylesheet or other link");
    }

    /** An XML document parsed by the JDK's parser with external entities and DTDs refused. */
    static org.w3c.dom.Document xml(String text) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** Text of every Atom element {@code name} in document order. */
    static List<String> texts(org.w3c.dom.Document feed, String name) {
        NodeList nodes = feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", name);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }
}
