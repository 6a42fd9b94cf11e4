package io.virtplatform.exporter.config;

import io.virtplatform.exporter.core.model.GroupVersionKind;
import io.virtplatform.exporter.core.text.ControlCharacters;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The names the API server accepts, per kind, as its validation does
 * (k8s.io/apimachinery/pkg/util/validation and the per-kind {@code ValidateXName} functions). A
 * golden object whose name the server would reject can never exist, so it is a config error, not
 * a permanent "missing". Lengths are checked before the patterns, which therefore only ever see
 * short input.
 */
final class KubernetesNames {

  private static final int LABEL_MAX = 63;
  private static final int SUBDOMAIN_MAX = 253;
  private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

  private static final String LABEL_RULE =
      "lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63"
          + " characters";
  private static final String SUBDOMAIN_RULE =
      "lowercase letters, digits, '-' and '.', each dot-separated part starting and ending with a"
          + " letter or digit, at most 253 characters";

  private KubernetesNames() {}

  /** RFC 1123 label: the rule for namespaces. */
  static boolean isDns1123Label(String name) {
    return name.length() <= LABEL_MAX && DNS_1123_LABEL.matcher(name).matches();
  }

  /** RFC 1123 subdomain: the rule for the names of most kinds, custom resources included. */
  static boolean isDns1123Subdomain(String name) {
    if (name.length() > SUBDOMAIN_MAX || name.isEmpty()) {
      return false;
    }
    for (String part : name.split("\\.", -1)) {
      if (!DNS_1123_LABEL.matcher(part).matches()) {
        return false;
      }
    }
    return true;
  }

  /** Why {@code namespace} is not a valid namespace name; empty when it is. */
  static Optional<String> namespaceProblem(String namespace) {
    return isDns1123Label(namespace)
        ? Optional.empty()
        : Optional.of(quoted(namespace) + " is not a valid namespace name (" + LABEL_RULE + ")");
  }

  /** Why {@code name} is not a valid {@code metadata.name} for {@code gvk}; empty when it is. */
  static Optional<String> nameProblem(GroupVersionKind gvk, String name) {
    String group = gvk.group();
    String kind = gvk.kind();
    if (group.isEmpty() && kind.equals("Namespace")) {
      return namespaceProblem(name);
    }
    if (group.isEmpty() && kind.equals("Service")) {
      return name.length() <= LABEL_MAX && DNS_1035_LABEL.matcher(name).matches()
          ? Optional.empty()
          : invalid(gvk, name, "a DNS-1035 label: lowercase letters, digits and '-', starting"
              + " with a letter, ending with a letter or digit, at most 63 characters");
    }
    if (group.equals("rbac.authorization.k8s.io")) {
      // Role and binding names are path segments, so "system:controller:..." is valid.
      return name.equals(".") || name.equals("..") || name.contains("/") || name.contains("%")
          ? invalid(gvk, name, "any text except '.' and '..' without '/' or '%'")
          : Optional.empty();
    }
    return isDns1123Subdomain(name)
        ? Optional.empty()
        : invalid(gvk, name, "a DNS-1123 subdomain: " + SUBDOMAIN_RULE);
  }

  private static Optional<String> invalid(GroupVersionKind gvk, String name, String rule) {
    return Optional.of("metadata.name " + quoted(name) + " is not a valid " + gvk.kind()
        + " name (" + rule + ")");
  }

  /**
   * {@code text} in single quotes, control characters escaped and long text cut, so that a
   * message stays one readable line.
   */
  static String quoted(String text) {
    boolean cut = text.length() > SUBDOMAIN_MAX + 1;
    return "'" + ControlCharacters.escape(cut ? text.substring(0, SUBDOMAIN_MAX + 1) : text)
        + (cut ? "...'" : "'");
  }
}
