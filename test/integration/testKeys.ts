/**
 * Every API key the integration session uses, in one list, so the secret-hygiene suite
 * (test/reliability/vscode/secretHygiene.test.ts) looks for all of them: the runner's GRANITE_API_KEY,
 * the keys typed into Set API Key, and the key of every extra simulator. That suite fails if a key is
 * written anywhere else in the integration sources, or a simulator is started without a key from here.
 */
export const testKeys = {
  /** GRANITE_API_KEY in package.json's test:integration scripts (the hygiene suite checks they agree). */
  runner: 'gk_test_integration_key_0001',
  /** credentials.test.ts: typed into Set API Key, refused. */
  wrongTyped: 'gk_test_definitely_wrong_key',
  /** credentials.test.ts: the simulator a new user-level origin points at (the extension never gets it). */
  newOriginSimulator: 'gk_test_new_origin_simulator_0006',
  /** credentials.test.ts: the server named by the workspace settings (the extension never gets it). */
  workspaceHijacker: 'gk_test_other',
  /** environments.test.ts: the Staging environment's simulator, stored for its origin. */
  staging: 'gk_test_staging_environment_0005',
  /** rightToLeft.test.ts: the simulator serving Arabic and Hebrew workflow names, stored for its origin. */
  rightToLeft: 'gk_test_rtl_names_0000000000000001',
  /** reliability xss.test.ts: typed into Set API Key for each refusal that quotes the server. */
  xssTyped: 'gk_test_xss_key_0001',
  /** reliability faultMatrix.test.ts: a second Granite that then refuses connections. */
  refusedOrigin: 'gk_test_refused_origin_key_0002',
  /** reliability faultMatrix.test.ts: stored for an origin that does not resolve, or whose certificate is untrusted. */
  unreachableOrigin: { dns: 'gk_test_dns_origin_key_0003', tls: 'gk_test_tls_origin_key_0003' },
  /** reliability settingsHijack.test.ts: typed into Set API Key in a hijacked workspace, refused. */
  hijackTyped: 'gk_test_wrong_key_typed_in_a_hijacked_workspace',
  /** reliability settingsHijack.test.ts: a new user-level origin's key, per trust state of the run. */
  newOrigin: { trusted: 'gk_test_new_origin_key_trusted_04', untrusted: 'gk_test_new_origin_key_untrusted_04' },
  /** reliability secretHygiene.test.ts: a key that does not look like a Granite key, echoed by its server. */
  echoedOpaque: 'opaque-7Hq2xV9-not-a-granite-pattern',
  /** reliability secretHygiene.test.ts: typed into Set API Key, echoed by the server in its refusal. */
  typedAndEchoed: 'typed-opaque-4Rt8mZ1-not-a-granite-pattern',
} as const;

/** Every key of `testKeys`, flattened. */
export const allTestKeys: readonly string[] = Object.values(testKeys).flatMap((v) =>
  typeof v === 'string' ? [v] : Object.values(v),
);
