package dev.tollgate.core.router;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The deployments by public model name (a model group may hold several). Exact names win; otherwise wildcard groups
 * ({@code openai/*}, {@code *}) match, the most specific pattern first. Immutable: reloads swap a new instance.
 */
public final class ModelGroups {
  private final Map<String, List<Deployment>> exact;
  private final List<Wildcard> wildcards;

  public ModelGroups(List<Deployment> deployments) {
    Map<String, List<Deployment>> byName = new LinkedHashMap<>();
    Map<String, List<Deployment>> patterns = new LinkedHashMap<>();
    for (Deployment d : deployments) {
      (d.isWildcard() ? patterns : byName).computeIfAbsent(d.modelName(), k -> new ArrayList<>()).add(d);
    }
    byName.replaceAll((k, v) -> List.copyOf(v));
    this.exact = Collections.unmodifiableMap(byName);
    List<Wildcard> list = new ArrayList<>();
    patterns.forEach((name, group) -> list.add(new Wildcard(name, glob(name), List.copyOf(group))));
    list.sort((a, b) -> Integer.compare(literalLength(b.name), literalLength(a.name)));
    this.wildcards = List.copyOf(list);
  }

  /**
   * The model group a requested name belongs to: an exact group, else the most specific wildcard group that matches
   * (with the matched part); empty when none does. (Aliases are resolved by the router before this.)
   */
  public Optional<Group> resolve(String model) {
    List<Deployment> group = exact.get(model);
    if (group != null) {
      return Optional.of(new Group(model, group, model));
    }
    for (Wildcard w : wildcards) {
      var m = w.pattern.matcher(model);
      if (m.matches()) {
        String captured = m.groupCount() > 0 && m.group(1) != null ? m.group(1) : model;
        return Optional.of(new Group(w.name, w.group, captured));
      }
    }
    return Optional.empty();
  }

  /** A deployment chosen at random from the model's group, with the wildcard part filled in; empty if unknown. */
  public Optional<Pick> pick(String model) {
    List<Deployment> group = exact.get(model);
    if (group != null) {
      return Optional.of(new Pick(random(group), model));
    }
    for (Wildcard w : wildcards) {
      var m = w.pattern.matcher(model);
      if (m.matches()) {
        String captured = m.groupCount() > 0 && m.group(1) != null ? m.group(1) : model;
        return Optional.of(new Pick(random(w.group), captured));
      }
    }
    return Optional.empty();
  }

  /** Public model names a client can ask for (wildcard groups are not listed). */
  public List<String> names() {
    return List.copyOf(exact.keySet());
  }

  public boolean isEmpty() {
    return exact.isEmpty() && wildcards.isEmpty();
  }

  private static Deployment random(List<Deployment> group) {
    return group.size() == 1 ? group.get(0) : group.get(ThreadLocalRandom.current().nextInt(group.size()));
  }

  private static Pattern glob(String name) {
    StringBuilder regex = new StringBuilder();
    boolean first = true;
    for (String part : name.split("\\*", -1)) {
      if (!first) {
        regex.append(regex.indexOf("(") < 0 ? "(.+)" : ".+");
      }
      regex.append(Pattern.quote(part));
      first = false;
    }
    return Pattern.compile(regex.toString());
  }

  private static int literalLength(String name) {
    return name.replace("*", "").length();
  }

  /**
   * A chosen deployment and the part of the requested model that a wildcard matched (the whole name for exact
   * groups).
   */
  public record Pick(Deployment deployment, String wildcardMatch) {
    /** The LiteLLM model string for this request, with a wildcard's {@code *} replaced by what it matched. */
    public String litellmModel() {
      String m = deployment.litellmModel();
      return m.contains("*") ? m.replace("*", wildcardMatch) : m;
    }
  }

  /**
   * A model group as resolved for one request.
   *
   * @param name the group's {@code model_name} (the pattern for a wildcard group)
   * @param deployments every deployment of the group, in config order
   * @param wildcardMatch what a wildcard matched (the requested name for exact groups)
   */
  public record Group(String name, List<Deployment> deployments, String wildcardMatch) {
    /** A pick of one of this group's deployments. */
    public Pick pick(Deployment d) {
      return new Pick(d, wildcardMatch);
    }
  }

  private record Wildcard(String name, Pattern pattern, List<Deployment> group) {}
}
