package io.virtplatform.exporter.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.virtplatform.exporter.core.compliance.Customizations;
import io.virtplatform.exporter.core.compliance.DisabledResources;
import io.virtplatform.exporter.core.drift.CustomizedResource;
import io.virtplatform.exporter.core.drift.DriftReport;
import io.virtplatform.exporter.core.drift.EditWarActors;
import io.virtplatform.exporter.core.drift.FieldDrift;
import io.virtplatform.exporter.core.drift.ResourceDrift;
import io.virtplatform.exporter.core.model.ResourceRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.function.Supplier;

/**
 * {@code /drift}: the drift explainer for people. One table per resource that is not compliant,
 * with every unsatisfied golden field, then the customizations in effect. Values are shown as JSON
 * so that the string {@code "true"} and the boolean {@code true} look different, as they compare.
 */
public final class DriftPage implements HttpHandler {

  private static final String ABSENT = "<em class=\"absent\">absent</em>";
  private static final String HIDDEN = "<em>" + DriftRedaction.HIDDEN_TEXT + "</em>";
  private static final String STYLE = "body{font-family:sans-serif}"
      + "table{border-collapse:collapse;margin-bottom:1em}"
      + "th,td{border:1px solid #bbb;padding:2px 8px;text-align:left;vertical-align:top}"
      + "code{white-space:pre-wrap;word-break:break-all}.absent{color:#a00}";

  private final Supplier<DriftReport> report;

  /** @param report called on every request; it reads in-memory state only */
  public DriftPage(Supplier<DriftReport> report) {
    this.report = report;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
    exchange.getResponseSender().send(render(report.get()), StandardCharsets.UTF_8);
  }

  static String render(DriftReport report) {
    StringBuilder html = new StringBuilder(4096)
        .append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">")
        .append("<title>Drift - virt-platform-exporter</title><style>").append(STYLE)
        .append("</style></head>\n<body>\n<h1>Drift</h1>\n<p>")
        .append(report.resources().size()).append(" of ").append(report.judged())
        .append(" judged managed resources are not compliant. Each table lists every golden-state")
        .append(" field the live object does not satisfy, absent fields included, with the field")
        .append(" manager that last wrote the live value (from <code>managedFields</code>).")
        .append(" Fields are named as the API server names them: list elements by their key")
        .append(" (<code>containers[name=\"app\"]</code>) or by their live index")
        .append(" (<code>args[1]</code>); under each, the JSON Pointer into the golden document,")
        .append(" the form <code>platform.kubevirt.io/ignore-fields</code> takes. A field marked")
        .append(" <em>removed</em> is absent although a manager's <code>managedFields</code> entry")
        .append(" still lists it: it was removed after that manager wrote it, and Kubernetes keeps")
        .append(" no record of who removed it. Values are JSON.")
        .append(" As JSON: <a href=\"/api/v1/drift\">/api/v1/drift</a>.")
        .append(" <a href=\"/\">Index</a>.</p>\n");
    report.resources().forEach(resource -> appendResource(html, resource));
    appendEditWars(html, report.editWars());
    appendCustomizations(html, report.customizations());
    appendDisabledResourcesProblems(html, report.disabledResourcesProblems());
    return html.append("</body></html>\n").toString();
  }

  private static void appendResource(StringBuilder html, ResourceDrift drift) {
    ResourceRef ref = drift.ref();
    html.append("<h2>").append(text(ref.toString())).append("</h2>\n<p>apiVersion <code>")
        .append(text(ref.gvk().apiVersion())).append("</code>, state <strong>")
        .append(drift.state().name()).append("</strong>");
    List<String> customizations = describe(drift.customizations());
    if (!customizations.isEmpty()) {
      html.append(", customizations: ").append(String.join("; ", customizations));
    }
    html.append("</p>\n");
    if (drift.problem() != null) {
      html.append("<p>Invalid customization, nothing was compared: ")
          .append(text(drift.problem())).append("</p>\n");
    }
    if (drift.fields().isEmpty()) {
      return;
    }
    html.append("<table><thead><tr><th>Field</th><th>Desired</th><th>Live</th>")
        .append("<th>Last written by</th></tr></thead><tbody>\n");
    for (FieldDrift field : drift.fields()) {
      html.append("<tr><td><code>").append(text(field.path()))
          .append("</code><br><small>golden <code>").append(text(field.pointer()))
          .append("</code></small></td><td>")
          .append(field.desired() == null ? ABSENT : json(field.desired())).append("</td><td>")
          .append(field.liveAbsent() ? ABSENT : json(field.live())).append("</td><td>")
          .append(writer(field)).append("</td></tr>\n");
    }
    html.append("</tbody></table>\n");
  }

  private static void appendCustomizations(StringBuilder html, List<CustomizedResource> all) {
    html.append("<h2>Customizations in effect</h2>\n");
    if (all.isEmpty()) {
      html.append("<p>None.</p>\n");
      return;
    }
    html.append("<table><thead><tr><th>Resource</th><th>apiVersion</th><th>Customizations</th>")
        .append("</tr></thead><tbody>\n");
    for (CustomizedResource resource : all) {
      html.append("<tr><td>").append(text(resource.ref().toString())).append("</td><td><code>")
          .append(text(resource.ref().gvk().apiVersion())).append("</code></td><td>")
          .append(String.join("<br>", describe(resource.customizations())))
          .append("</td></tr>\n");
    }
    html.append("</tbody></table>\n");
  }

  private static void appendEditWars(StringBuilder html, List<EditWarActors> wars) {
    if (wars.isEmpty()) {
      return;
    }
    html.append("<h2>Edit wars in progress</h2>\n<p>Each field manager that last wrote a field")
        .append(" whose change flipped the resource's compliance during the episode, from")
        .append(" <code>managedFields</code>. A removal names no one.</p>\n")
        .append("<table><thead><tr><th>Resource</th><th>Manager</th><th>Fields it wrote</th>")
        .append("</tr></thead><tbody>\n");
    for (EditWarActors war : wars) {
      if (war.actors().isEmpty()) {
        html.append("<tr><td>").append(text(war.ref().toString()))
            .append("</td><td colspan=\"2\">no manager recorded</td></tr>\n");
      }
      war.actors().forEach((manager, fields) -> html.append("<tr><td>")
          .append(text(war.ref().toString())).append("</td><td>").append(text(manager))
          .append("</td><td>").append(fields.stream().map(f -> "<code>" + text(f) + "</code>")
              .collect(Collectors.joining("<br>")))
          .append("</td></tr>\n"));
    }
    html.append("</tbody></table>\n");
  }

  private static void appendDisabledResourcesProblems(StringBuilder html, List<String> problems) {
    if (problems.isEmpty()) {
      return;
    }
    html.append("<h2>Disabled resources not applied</h2>\n<p>The HyperConverged CR's <code>")
        .append(text(DisabledResources.ANNOTATION)).append("</code> cannot be read, so it")
        .append(" disables nothing, as in the autopilot:</p>\n<ul>\n");
    problems.forEach(p -> html.append("<li>").append(text(p)).append("</li>\n"));
    html.append("</ul>\n");
  }

  /** The "Last written by" cell, escaped. */
  private static String writer(FieldDrift field) {
    if (field.removed()) {
      return "<strong>removed</strong>: written by " + text(field.manager())
          + ", removed since by someone Kubernetes keeps no record of";
    }
    return field.manager() == null ? "" : text(field.manager());
  }

  /** One HTML fragment per customization, already escaped. */
  private static List<String> describe(Customizations c) {
    List<String> parts = new ArrayList<>();
    if (c.disabled()) {
      return List.of("disabled by the HyperConverged CR's <code>"
          + text(DisabledResources.ANNOTATION) + "</code>");
    }
    if (c.unmanaged()) {
      // Nothing else is evaluated for an unmanaged resource.
      return List.of("unmanaged");
    }
    if (!c.ignoredPointers().isEmpty()) {
      parts.add("ignore-fields <code>" + text(String.join(",", c.ignoredPointers())) + "</code>");
    }
    if (c.patch() != null) {
      parts.add("patch <code>" + text(c.patch()) + "</code>");
    }
    if (c.reconcilePaused()) {
      parts.add("reconcile paused");
    }
    return parts;
  }

  private static String json(Object value) {
    if (value == DriftRedaction.HIDDEN) {
      return HIDDEN;
    }
    return "<code>" + text(DriftJson.value(value)) + "</code>";
  }

  private static String text(String value) {
    return Html.escape(value);
  }
}
