package dev.moduleagent.twin;

import java.util.Map;

/**
 * How the twin model reads and writes one representation of JSON values, so that every rule and operation is
 * written once for both the plug-in API's plain Java values ({@link #PLAIN}) and Gson trees ({@link #GSON}).
 *
 * @param <V> the type of a value in this representation
 */
public interface JsonTree<V> {

    /** Plain Java values: {@code Map<String, ?>}, {@code List<?>}, String, Number, Boolean and {@code null}. */
    JsonTree<Object> PLAIN = new PlainTree();
    /** Gson's {@link com.google.gson.JsonElement} trees ({@code JsonNull} or Java {@code null} for null). */
    JsonTree<com.google.gson.JsonElement> GSON = new GsonTree();

    /** The JSON type of a value; {@link #OTHER} for a value of no JSON type (only plain values can be). */
    enum Kind { NULL, BOOLEAN, NUMBER, STRING, OBJECT, ARRAY, OTHER }

    /**
     * @param value any value of this representation
     * @return its JSON type
     */
    Kind kind(V value);

    /**
     * @param object a value of kind {@link Kind#OBJECT}
     * @return its members in order (plain keys that are not strings are given as their text)
     */
    Iterable<Map.Entry<String, V>> members(V object);

    /**
     * @param array a value of kind {@link Kind#ARRAY}
     * @return its items in order
     */
    Iterable<V> items(V array);

    /**
     * @param value a value of kind {@link Kind#STRING}
     * @return its text
     */
    String text(V value);

    /**
     * @param value a value of kind {@link Kind#NUMBER}
     * @return the number; Gson numbers keep their literal in {@link Number#toString()}
     */
    Number number(V value);

    /**
     * @param object a value of kind {@link Kind#OBJECT}
     * @param key a member name
     * @return the member's value, or {@code null} when there is none
     */
    V get(V object, String key);

    /**
     * @param object a mutable object
     * @param key a member name
     * @param value its new value
     */
    void put(V object, String key, V value);

    /**
     * @param object a mutable object
     * @param key the member to remove
     */
    void remove(V object, String key);

    /** @return a new, empty, mutable object */
    V newObject();

    /**
     * @param value any value
     * @return a deep, mutable copy
     */
    V copy(V value);
}
