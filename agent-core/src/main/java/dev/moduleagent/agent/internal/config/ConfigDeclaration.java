package dev.moduleagent.agent.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The agent's configuration keys as declared once, by the metatype annotations of {@code AgentConfig}: bnd writes them
 * into {@code OSGI-INF/metatype/<pid>.xml} of the agent's jar, and this reads that file back (inside the framework and
 * from the launcher, which loads this class from the same jar), so names, defaults, kinds and ranges have one source.
 */
public final class ConfigDeclaration {

    /** One attribute definition: a key, its kind, whether it is required, its default, range and choices. */
    public record Key(String name, String type, boolean required, String fallback, String min, String max,
                      List<String> options) {
    }

    private final Map<String, Key> keys;

    private ConfigDeclaration(Map<String, Key> keys) {
        this.keys = keys;
    }

    /**
     * @param pid the configuration PID whose declaration to read (the metatype file is named after it)
     * @return the declaration
     * @throws IllegalStateException when the jar holds no such declaration (a broken build)
     */
    public static ConfigDeclaration of(String pid) {
        String resource = "OSGI-INF/metatype/" + pid + ".xml";
        try (InputStream in = ConfigDeclaration.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the agent's jar");
            }
            return new ConfigDeclaration(parse(in));
        } catch (IOException e) {
            throw new UncheckedIOException(resource + " cannot be read", e);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException(resource + " is not a metatype file: " + e.getMessage(), e);
        }
    }

    /** @return the declared keys by name, in declaration order */
    public Map<String, Key> keys() {
        return keys;
    }

    private static Map<String, Key> parse(InputStream in)
            throws ParserConfigurationException, SAXException, IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList definitions = factory.newDocumentBuilder().parse(in).getElementsByTagName("AD");
        Map<String, Key> keys = new LinkedHashMap<>();
        for (int i = 0; i < definitions.getLength(); i++) {
            Element ad = (Element) definitions.item(i);
            List<String> options = new ArrayList<>();
            NodeList children = ad.getElementsByTagName("Option");
            for (int j = 0; j < children.getLength(); j++) {
                options.add(((Element) children.item(j)).getAttribute("value"));
            }
            // metatype: an attribute without required="false" is required
            keys.put(ad.getAttribute("id"), new Key(ad.getAttribute("id"), ad.getAttribute("type"),
                    !"false".equals(ad.getAttribute("required")), attribute(ad, "default"), attribute(ad, "min"),
                    attribute(ad, "max"), List.copyOf(options)));
        }
        return Collections.unmodifiableMap(keys);
    }

    private static String attribute(Element element, String name) {
        return element.hasAttribute(name) ? element.getAttribute(name) : null;
    }
}
