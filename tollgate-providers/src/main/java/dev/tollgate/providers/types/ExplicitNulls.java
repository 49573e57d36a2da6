package dev.tollgate.providers.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps explicit JSON nulls of typed fields ({@code "finish_reason": null}, {@code "usage": null},
 * {@code "refusal": null}) so a parsed object serialises back to the same tree. A typed field that is null in Java is
 * omitted on output; when the input had it as an explicit null, the null is kept as a {@link NullNode} in the record's
 * {@code extra} map, which is written back. Each record's constructor drops such a marker once the typed field has a
 * value (see {@link Extras#freeze(Map, Object...)}), so a field is never written twice.
 */
final class ExplicitNulls extends SimpleModule {
  ExplicitNulls() {
    super("tollgate-explicit-nulls");
    setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyDeserializer(
          DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
        Class<?> type = description.getBeanClass();
        if (!type.isRecord() || !type.getPackageName().equals(ExplicitNulls.class.getPackageName())) {
          return deserializer;
        }
        RecordShape shape = RecordShape.of(type);
        return shape == null ? deserializer : new Deserializer(deserializer, shape);
      }
    });
  }

  /** The JSON names of a record's typed (non-JsonNode) components and how to rebuild it with another extra map. */
  private record RecordShape(Constructor<?> constructor, RecordComponent[] components, int extraIndex, String[] names) {
    static RecordShape of(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      int extraIndex = -1;
      String[] names = new String[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        RecordComponent c = components[i];
        types[i] = c.getType();
        if (c.getName().equals("extra") && Map.class.equals(c.getType())) {
          extraIndex = i;
          continue;
        }
        if (JsonNode.class.isAssignableFrom(c.getType())) {
          continue; // a JsonNode component keeps an explicit null itself (as NullNode)
        }
        JsonProperty property = c.getAccessor().getAnnotation(JsonProperty.class);
        names[i] = property != null && !property.value().isEmpty() ? property.value() : c.getName();
      }
      if (extraIndex < 0) {
        return null;
      }
      try {
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return new RecordShape(constructor, components, extraIndex, names);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("no canonical constructor on " + type, e);
      }
    }

    @SuppressWarnings("unchecked")
    Object withNulls(Object value, List<String> nulls) {
      try {
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
          args[i] = components[i].getAccessor().invoke(value);
        }
        Map<String, JsonNode> extra = new LinkedHashMap<>((Map<String, JsonNode>) args[extraIndex]);
        nulls.forEach(name -> extra.put(name, NullNode.getInstance()));
        args[extraIndex] = extra;
        return constructor.newInstance(args);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot rebuild " + value.getClass(), e);
      }
    }
  }

  private static final class Deserializer extends DelegatingDeserializer {
    private final RecordShape shape;

    Deserializer(JsonDeserializer<?> delegate, RecordShape shape) {
      super(delegate);
      this.shape = shape;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new Deserializer(delegate, shape);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode tree = ctxt.readTree(p);
      List<String> nulls = null;
      if (tree.isObject()) {
        for (String name : shape.names()) {
          if (name != null) {
            JsonNode field = tree.get(name);
            if (field != null && field.isNull()) {
              if (nulls == null) {
                nulls = new ArrayList<>(2);
              }
              nulls.add(name);
            }
          }
        }
      }
      Object value;
      try (JsonParser treeParser = tree.traverse(p.getCodec())) {
        treeParser.nextToken();
        value = _delegatee.deserialize(treeParser, ctxt);
      }
      return nulls == null || value == null ? value : shape.withNulls(value, nulls);
    }
  }
}
