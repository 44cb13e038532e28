// The function app's complete app settings. Deployed after roles.bicep so that the identity can
// already read the Key Vault secrets the references point at. This resource replaces the whole set:
// a setting added by hand in the portal is removed by the next deployment.

@description('Name of the function app.')
param appName string

@description('All app settings, name to value. Secret values are Key Vault references, never the secrets.')
param settings object

resource app 'Microsoft.Web/sites@2025-03-01' existing = {
  name: appName
}

resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: app
  name: 'appsettings'
  properties: settings
}
