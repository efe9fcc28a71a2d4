// Starts Swagger UI on the API's own contract. Kept out of index.html: the page's
// Content-Security-Policy allows scripts from this origin only, never inline ones.
"use strict";

window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.yaml",
    dom_id: "#swagger-ui",
    deepLinking: true,
    displayRequestDuration: true,
    // The default posts the contract to validator.swagger.io; nothing here leaves the server.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: "StandaloneLayout",
  });
});
