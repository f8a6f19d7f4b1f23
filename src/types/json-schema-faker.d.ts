// The schema faker openapi-to-postmanv2 bundles (it ships no types); only the option the Postman generator sets.
declare module 'openapi-to-postmanv2/assets/json-schema-faker.js' {
  const faker: { option(options: { random?: () => number }): void };
  export = faker;
}
