package com.ibm.json.java;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.util.AbstractCollection;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Test look-alike of IBM JSON4J's {@code com.ibm.json.java.OrderedJSONObject}: a
 * {@link JSONObject} that keeps keys in insertion order (re-putting a key keeps
 * its place; removing it forgets it). {@link #getOrder()}, the key/entry/value
 * views, iteration and serialization all follow that order.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public class OrderedJSONObject extends JSONObject {

    private static final long serialVersionUID = 1L;

    private ArrayList order = new ArrayList();

    public OrderedJSONObject() {
        super();
    }

    public static OrderedJSONObject parse(String str) throws IOException {
        if (str == null) {
            throw new NullPointerException("str cannot be null");
        }
        return parse(new StringReader(str));
    }

    /** Parses UTF-8 JSON text from {@code is} (not closed). */
    public static OrderedJSONObject parse(InputStream is) throws IOException {
        return parse(JSON.utf8Reader(is));
    }

    /** Parses an object; nested objects are OrderedJSONObjects too. */
    public static OrderedJSONObject parse(Reader reader) throws IOException {
        return (OrderedJSONObject) parseObject(reader, true);
    }

    /** The keys, in insertion order (an iterator over a snapshot). */
    public Iterator getOrder() {
        return new ArrayList(order).iterator();
    }

    public Object put(Object key, Object value) {
        boolean known = containsKey(key);
        Object previous = super.put(key, value); // checks key and value first
        if (!known) {
            order.add(key);
        }
        return previous;
    }

    public Object remove(Object key) {
        if (containsKey(key)) {
            order.remove(key);
        }
        return super.remove(key);
    }

    public void clear() {
        order.clear();
        super.clear();
    }

    public Object clone() {
        OrderedJSONObject copy = (OrderedJSONObject) super.clone();
        copy.order = new ArrayList(order);
        return copy;
    }

    public void forEach(java.util.function.BiConsumer action) {
        for (Object key : new ArrayList(order)) {
            action.accept(key, get(key));
        }
    }

    // ------------------------------------------------------------------
    // Ordered views
    // ------------------------------------------------------------------

    /** Iterates the keys in order; remove() removes the mapping. */
    private final class KeyIterator implements Iterator {
        private final Iterator inner = order.iterator();
        private Object last;
        private boolean canRemove;

        public boolean hasNext() {
            return inner.hasNext();
        }

        public Object next() {
            if (!inner.hasNext()) {
                throw new NoSuchElementException();
            }
            last = inner.next();
            canRemove = true;
            return last;
        }

        public void remove() {
            if (!canRemove) {
                throw new IllegalStateException();
            }
            canRemove = false;
            inner.remove();
            OrderedJSONObject.super.remove(last);
        }
    }

    private final class Entry implements Map.Entry {
        private final Object key;

        Entry(Object key) {
            this.key = key;
        }

        public Object getKey() {
            return key;
        }

        public Object getValue() {
            return get(key);
        }

        public Object setValue(Object value) {
            if (!containsKey(key)) {
                throw new ConcurrentModificationException();
            }
            return put(key, value);
        }

        public boolean equals(Object o) {
            if (!(o instanceof Map.Entry)) {
                return false;
            }
            Map.Entry e = (Map.Entry) o;
            return eq(key, e.getKey()) && eq(getValue(), e.getValue());
        }

        public int hashCode() {
            Object value = getValue();
            return (key == null ? 0 : key.hashCode()) ^ (value == null ? 0 : value.hashCode());
        }

        public String toString() {
            return key + "=" + getValue();
        }
    }

    public Set keySet() {
        return new AbstractSet() {
            public Iterator iterator() {
                return new KeyIterator();
            }

            public int size() {
                return OrderedJSONObject.this.size();
            }

            public boolean contains(Object o) {
                return containsKey(o);
            }

            public boolean remove(Object o) {
                if (!containsKey(o)) {
                    return false;
                }
                OrderedJSONObject.this.remove(o);
                return true;
            }

            public void clear() {
                OrderedJSONObject.this.clear();
            }
        };
    }

    public Set entrySet() {
        return new AbstractSet() {
            public Iterator iterator() {
                final KeyIterator keys = new KeyIterator();
                return new Iterator() {
                    public boolean hasNext() {
                        return keys.hasNext();
                    }

                    public Object next() {
                        return new Entry(keys.next());
                    }

                    public void remove() {
                        keys.remove();
                    }
                };
            }

            public int size() {
                return OrderedJSONObject.this.size();
            }

            public void clear() {
                OrderedJSONObject.this.clear();
            }
        };
    }

    public Collection values() {
        return new AbstractCollection() {
            public Iterator iterator() {
                final KeyIterator keys = new KeyIterator();
                return new Iterator() {
                    public boolean hasNext() {
                        return keys.hasNext();
                    }

                    public Object next() {
                        return get(keys.next());
                    }

                    public void remove() {
                        keys.remove();
                    }
                };
            }

            public int size() {
                return OrderedJSONObject.this.size();
            }

            public void clear() {
                OrderedJSONObject.this.clear();
            }
        };
    }
}
