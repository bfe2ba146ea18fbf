package dev.mailsift.engine.intake;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A streaming scan of one XML part of a workbook that cannot be made to hold much: no DTD (so no entities), no
 * construct longer than a limit ({@link BoundedXmlReader}), elements at most {@value #MAX_DEPTH} deep, at most
 * {@value #MAX_NAMES} distinct names and namespaces of at most {@value #MAX_NAME_CHARS} characters together (the
 * parser keeps every open element, and every name and namespace it meets). Subclasses see elements by local name,
 * as fastexcel-reader matches them.
 */
abstract class XmlPartScan extends DefaultHandler {

    static final int MAX_DEPTH = 64;
    static final int MAX_NAMES = 2_000;
    static final int MAX_NAME_CHARS = 100_000;

    /** The part's name in the package, for messages. */
    final String part;
    private final Set<String> names = new HashSet<>();
    private long nameChars;
    private int depth;

    XmlPartScan(String part) {
        this.part = part.startsWith("/") ? part.substring(1) : part;
    }

    /** Scans the part to its end, or until {@link #stop()}. */
    final void scan(InputStream content, long longestConstruct) {
        try (Reader reader = new BoundedXmlReader(decode(content), part, longestConstruct)) {
            newParser().parse(new InputSource(reader), this);
        } catch (Stop stopped) {
            // read as far as needed
        } catch (SAXException e) {
            throw new IntakeException(IntakeException.Kind.MALFORMED, part + " cannot be parsed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IntakeException(IntakeException.Kind.MALFORMED, "cannot read " + part + ": " + e.getMessage(), e);
        }
    }

    abstract void start(String name, Attributes attributes);

    void end(String name) throws SAXException {
    }

    /** How deep the element being started or ended sits: 1 for the root. */
    final int depth() {
        return depth;
    }

    /** Ends the scan early: the rest of the part is never read by fastexcel-reader either. */
    static void stop() throws SAXException {
        throw new Stop();
    }

    @Override
    public final void startElement(String uri, String localName, String qName, Attributes attributes) {
        if (++depth > MAX_DEPTH) {
            throw malformed(part + " nests elements more than " + MAX_DEPTH + " deep");
        }
        noteName(qName);
        for (int i = 0; i < attributes.getLength(); i++) {
            noteName(attributes.getQName(i));
        }
        start(localName, attributes);
    }

    @Override
    public final void endElement(String uri, String localName, String qName) throws SAXException {
        end(localName);
        depth--;
    }

    @Override
    public final void startPrefixMapping(String prefix, String uri) {
        noteName(prefix);
        noteName(uri);
    }

    private void noteName(String name) {
        if (names.add(name) && (names.size() > MAX_NAMES || (nameChars += name.length()) > MAX_NAME_CHARS)) {
            throw malformed(part + " uses more than " + count(MAX_NAMES) + " different names, or more than "
                    + count(MAX_NAME_CHARS) + " characters of them; workbook parts use a few dozen");
        }
    }

    static IntakeException malformed(String message) {
        return new IntakeException(IntakeException.Kind.MALFORMED, message);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The part's characters: UTF-8 unless a byte-order mark or the first bytes of {@code <?} say UTF-16. */
    private static Reader decode(InputStream content) throws IOException {
        BufferedInputStream in = new BufferedInputStream(content, 64 * 1024);
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        Charset charset = StandardCharsets.UTF_8;
        int byteOrderMark = 0;
        if (FormatSniffer.startsWith(head, 0xEF, 0xBB, 0xBF)) {
            byteOrderMark = 3;
        } else if (FormatSniffer.startsWith(head, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            byteOrderMark = 2;
        } else if (FormatSniffer.startsWith(head, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            byteOrderMark = 2;
        } else if (FormatSniffer.startsWith(head, 0x00, '<', 0x00, '?')) {
            charset = StandardCharsets.UTF_16BE;
        } else if (FormatSniffer.startsWith(head, '<', 0x00, '?', 0x00)) {
            charset = StandardCharsets.UTF_16LE;
        }
        in.skipNBytes(byteOrderMark);
        return new InputStreamReader(in, charset);
    }

    /**
     * The JDK's own parser (not whichever a classpath brings), with DTDs refused outright. With no DTD there is no
     * entity to expand, yet the JDK counts each {@code &amp;} of the document against its entity-size limits (100,000
     * on JDK 24 and later), which would refuse large, ordinary sheets: those counters are lifted, as this scan bounds
     * memory itself.
     */
    private static SAXParser newParser() {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            SAXParser parser = factory.newSAXParser();
            for (String limit : List.of("jdk.xml.maxGeneralEntitySizeLimit", "jdk.xml.totalEntitySizeLimit",
                    "jdk.xml.entityReplacementLimit")) {
                parser.setProperty(limit, "0");
            }
            return parser;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser cannot be configured to refuse DTDs", e);
        }
    }

    /** Unwinds the parser once a scan has read as far as fastexcel-reader will. */
    private static final class Stop extends SAXException {
        Stop() {
            super("scan complete");
        }
    }
}
