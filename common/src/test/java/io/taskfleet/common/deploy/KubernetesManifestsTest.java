package io.taskfleet.common.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every document in {@code deploy/k8s} against the JSON schema of its kind, vendored in {@code
 * src/test/resources/k8s-schemas} (subsets of the Kubernetes API and of KEDA's CRDs: the fields the
 * manifests may use, their types, the required ones; unknown fields refused). Offline: no cluster,
 * no download.
 */
class KubernetesManifestsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);

  @Test
  void everyManifestMatchesTheSchemaOfItsKind() throws IOException {
    List<String> problems = new ArrayList<>();
    List<String> checked = new ArrayList<>();

    for (Path file : manifests()) {
      for (JsonNode document : documents(file)) {
        String where = file.getFileName() + " " + document.path("kind").asText("?");
        problems.addAll(validate(document).stream().map(e -> where + ": " + e).toList());
        checked.add(where);
      }
    }

    assertThat(problems).isEmpty();
    assertThat(checked)
        .contains(
            "worker-deployment.yaml Deployment",
            "producer-job.yaml Job",
            "secret.yaml Secret",
            "keda-scaledobject.yaml ScaledObject",
            "keda-scaledobject.yaml TriggerAuthentication");
  }

  @Test
  void theSchemasCatchAMisspelledFieldAWrongTypeAndAMissingRequiredOne() throws IOException {
    JsonNode deployment = documents(directory().resolve("worker-deployment.yaml")).get(0);
    JsonNode typo = deployment.deepCopy();
    ((ObjectNode) typo.get("spec")).put("replica", 2);
    JsonNode wrongType = deployment.deepCopy();
    ((ObjectNode) wrongType.get("spec")).put("replicas", "two");
    JsonNode scaled = documents(directory().resolve("keda-scaledobject.yaml")).get(1);
    JsonNode noTarget = scaled.deepCopy();
    ((ObjectNode) noTarget.get("spec")).remove("scaleTargetRef");

    assertThat(validate(typo)).anyMatch(e -> e.contains("replica"));
    assertThat(validate(wrongType)).anyMatch(e -> e.contains("replicas"));
    assertThat(validate(noTarget)).anyMatch(e -> e.contains("scaleTargetRef"));
  }

  private static List<String> validate(JsonNode document) throws IOException {
    String name =
        document.path("apiVersion").asText().replace('/', '-')
            + "-"
            + document.path("kind").asText();
    try (InputStream in =
        KubernetesManifestsTest.class.getResourceAsStream("/k8s-schemas/" + name + ".json")) {
      if (in == null) {
        return List.of("no schema for " + name + " in src/test/resources/k8s-schemas");
      }
      Schema schema = SCHEMAS.getSchema(in);
      return schema.validate(document).stream().map(Error::toString).toList();
    }
  }

  private static Path directory() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("deploy/k8s"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no deploy/k8s above " + Path.of("").toAbsolutePath());
    }
    return dir.resolve("deploy/k8s");
  }

  private static List<Path> manifests() throws IOException {
    try (Stream<Path> files = Files.list(directory())) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  private static List<JsonNode> documents(Path file) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file)) {
      for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
        if (document != null) {
          documents.add(JSON.valueToTree(document));
        }
      }
    }
    return documents;
  }
}
