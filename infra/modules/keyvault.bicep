// Key Vault (Azure RBAC authorization, no access policies) with the forge credentials as secrets.
// The app never sees them in its configuration: its app settings are Key Vault references that the
// platform resolves with the app's managed identity (role Key Vault Secrets User, see roles.bicep).
// A secret whose value is empty is not created (a forge that is not used).

@description('Azure region of the vault.')
param location string

@description('Tags for the vault.')
param tags object

@description('Name of the vault (3-24 letters, digits and hyphens, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Turn on purge protection (cannot be turned off again; a deleted vault then blocks its name for the retention period).')
param enablePurgeProtection bool

@description('Days a deleted vault or secret can be recovered.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int

@description('Names of the secrets in the vault, keyed as the values below.')
param secretNames {
  githubAppPrivateKey: string
  githubWebhookSecret: string
  gitlabToken: string
  gitlabWebhookSecret: string
  llmApiKey: string
}

@secure()
@description('The GitHub App private key (PEM text).')
param githubAppPrivateKey string

@secure()
@description('The GitHub App webhook secret.')
param githubWebhookSecret string

@secure()
@description('The GitLab access token.')
param gitlabToken string

@secure()
@description('The GitLab webhook token.')
param gitlabWebhookSecret string

@secure()
@description('The model API key of the opt-in model stage.')
param llmApiKey string

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // false is not an accepted value: leave the property out instead.
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource githubAppPrivateKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(githubAppPrivateKey)) {
  parent: vault
  name: secretNames.githubAppPrivateKey
  properties: {
    value: githubAppPrivateKey
    contentType: 'application/x-pem-file'
  }
}

resource githubWebhookSecretSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(githubWebhookSecret)) {
  parent: vault
  name: secretNames.githubWebhookSecret
  properties: {
    value: githubWebhookSecret
    contentType: 'text/plain'
  }
}

resource gitlabTokenSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(gitlabToken)) {
  parent: vault
  name: secretNames.gitlabToken
  properties: {
    value: gitlabToken
    contentType: 'text/plain'
  }
}

resource gitlabWebhookSecretSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(gitlabWebhookSecret)) {
  parent: vault
  name: secretNames.gitlabWebhookSecret
  properties: {
    value: gitlabWebhookSecret
    contentType: 'text/plain'
  }
}

resource llmApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = if (!empty(llmApiKey)) {
  parent: vault
  name: secretNames.llmApiKey
  properties: {
    value: llmApiKey
    contentType: 'text/plain'
  }
}

output name string = vault.name
@description('The vault URI, ending in a slash (https://<name>.vault.azure.net/ in the public cloud).')
output vaultUri string = vault.properties.vaultUri
