package io.synthos.api;

import io.vertx.core.file.FileSystem;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import io.vertx.openapi.contract.SecurityRequirement;
import io.vertx.openapi.contract.SecurityScheme;
import io.vertx.openapi.contract.Server;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract's schema repository, keeping the validator it builds for each schema. The contract's
 * schemas are fixed once it is loaded, and a validator only reads them, so one validator per schema
 * serves every request on every thread. Schemas are kept by identity: the contract hands out the
 * same instance for a parameter or a body every time, and hashing a schema's content would cost
 * more than the lookup saves.
 */
final class CachedSchemas implements SchemaRepository {

  private final SchemaRepository repository;
  private final Map<JsonSchema, Validator> validators =
      Collections.synchronizedMap(new IdentityHashMap<>());

  private CachedSchemas(SchemaRepository repository) {
    this.repository = repository;
  }

  /** The contract as it was, but answering with validators built once per schema. */
  static OpenAPIContract over(OpenAPIContract contract) {
    return new Contract(contract, new CachedSchemas(contract.getSchemaRepository()));
  }

  @Override
  public Validator validator(JsonSchema schema) {
    return validators.computeIfAbsent(schema, repository::validator);
  }

  @Override
  public Validator validator(String ref) {
    return repository.validator(ref);
  }

  @Override
  public Validator validator(String ref, JsonSchemaOptions options) {
    return repository.validator(ref, options);
  }

  @Override
  public Validator validator(JsonSchema schema, JsonSchemaOptions options, boolean dereference) {
    return repository.validator(schema, options, dereference);
  }

  @Override
  public SchemaRepository dereference(JsonSchema schema) {
    repository.dereference(schema);
    return this;
  }

  @Override
  public SchemaRepository dereference(String uri, JsonSchema schema) {
    repository.dereference(uri, schema);
    return this;
  }

  @Override
  public SchemaRepository preloadMetaSchema(FileSystem fs) {
    repository.preloadMetaSchema(fs);
    return this;
  }

  @Override
  public SchemaRepository preloadMetaSchema(FileSystem fs, Draft draft) {
    repository.preloadMetaSchema(fs, draft);
    return this;
  }

  @Override
  public JsonObject resolve(JsonObject schema) {
    return repository.resolve(schema);
  }

  @Override
  public JsonSchema find(String pointer) {
    return repository.find(pointer);
  }

  /** The loaded contract with {@link CachedSchemas} as its repository; the rest unchanged. */
  private record Contract(OpenAPIContract contract, SchemaRepository schemas)
      implements OpenAPIContract {

    @Override
    public SchemaRepository getSchemaRepository() {
      return schemas;
    }

    @Override
    public Operation operation(String operationId) {
      return contract.operation(operationId);
    }

    @Override
    public List<Operation> operations() {
      return contract.operations();
    }

    @Override
    public List<Path> getPaths() {
      return contract.getPaths();
    }

    @Override
    public JsonObject getRawContract() {
      return contract.getRawContract();
    }

    @Override
    public OpenAPIVersion getVersion() {
      return contract.getVersion();
    }

    @Override
    public List<Server> getServers() {
      return contract.getServers();
    }

    @Override
    public Path findPath(String urlPath) {
      return contract.findPath(urlPath);
    }

    @Override
    public Operation findOperation(String urlPath, HttpMethod method) {
      return contract.findOperation(urlPath, method);
    }

    @Override
    public List<SecurityRequirement> getSecurityRequirements() {
      return contract.getSecurityRequirements();
    }

    @Override
    public SecurityScheme securityScheme(String name) {
      return contract.securityScheme(name);
    }
  }
}
