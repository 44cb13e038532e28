// KernelPrBot on Azure Functions (Flex Consumption): one resource group holding the function app,
// its storage (review queue, dead letters, delivery log, deployment package), a Key Vault with the
// forge credentials, and Application Insights on a Log Analytics workspace. See infra/README.md.
targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------
// Naming and placement

@description('Short name the resource names start with (lowercase letters and digits).')
@minLength(2)
@maxLength(10)
param name string = 'kpb'

@description('Azure region of every resource; the region must offer the Flex Consumption plan.')
param location string = resourceGroup().location

@description('Tags for every resource.')
param tags object = {}

@description('Function app name; empty picks func-<name>-<unique suffix>. It becomes <name>.azurewebsites.net.')
@maxLength(60)
param functionAppName string = ''

// ---------------------------------------------------------------------------------------------
// Scale

@description('Memory of each Flex Consumption instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the app scales out to (HTTP ingress and review workers together).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('.NET version of the isolated worker.')
param dotnetVersion string = '10.0'

@description('Storage redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
])
param storageSku string = 'Standard_LRS'

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

@description('Turn on Key Vault purge protection (irreversible).')
param keyVaultPurgeProtection bool = false

// ---------------------------------------------------------------------------------------------
// The bot (KernelPrBot__* settings, DESIGN.md section 9)

@description('GitHub App id; empty leaves the GitHub side unconfigured.')
param githubAppId string = ''

@description('GitHub REST base URL; empty uses the bot\'s default (api.github.com). Set it for GitHub Enterprise Server.')
param githubApiUrl string = ''

@secure()
@description('The GitHub App private key, PEM text (pass it with -p githubAppPrivateKey=@app.pem).')
param githubAppPrivateKey string = ''

@secure()
@description('The webhook secret configured on the GitHub App.')
param githubWebhookSecret string = ''

@description('GitLab instance URL (https://gitlab.example.org); empty leaves the GitLab side unconfigured.')
param gitlabUrl string = ''

@secure()
@description('GitLab access token (a project or group access token with api scope).')
param gitlabToken string = ''

@secure()
@description('The secret token configured on the GitLab webhook.')
param gitlabWebhookSecret string = ''

@description('Print review plans to the log instead of posting them (KernelPrBot__Review__DryRun).')
param dryRun bool = false

// The opt-in model-assisted stage (KernelPrBot__Llm__*): off unless llmEndpoint and llmModel are set.

@description('Model API base URL: an OpenAI-compatible endpoint (https://<resource>.openai.azure.com/openai/v1/, https://api.openai.com/v1/, a vLLM server) or https://api.anthropic.com/. Empty: the stage is off.')
param llmEndpoint string = ''

@description('The model (or Azure OpenAI deployment) name.')
param llmModel string = ''

@allowed([
  'openai'
  'anthropic'
])
@description('openai for any OpenAI-compatible endpoint (Azure OpenAI included), anthropic for Anthropic\'s API.')
param llmProvider string = 'openai'

@description('The header the key goes in: Authorization (bearer) or api-key (Azure OpenAI).')
param llmApiKeyHeader string = 'Authorization'

@secure()
@description('The model API key, kept in Key Vault; empty keeps the one there.')
param llmApiKey string = ''

@description('Post claims the analysis cannot check as marked suggestions (default: listed in the summary only).')
param llmPostUnverified bool = false

@description('Wall time of the model stage per pull request, in seconds; keep it well under functionTimeout in host.json (10 minutes).')
@minValue(30)
@maxValue(480)
param llmTimeBudgetSeconds int = 240

// ---------------------------------------------------------------------------------------------

var token = uniqueString(resourceGroup().id, name)
var alnumName = toLower(replace(name, '-', ''))
var names = {
  workspace: 'log-${name}-${token}'
  appInsights: 'appi-${name}-${token}'
  storage: take('st${alnumName}${token}', 24)
  keyVault: take('kv${alnumName}${token}', 24)
  plan: 'plan-${name}-${token}'
  app: empty(functionAppName) ? 'func-${name}-${token}' : functionAppName
}

// The queue and table names the bot's Azure Storage queue and delivery log use.
var reviewQueue = 'review-requests'
var deliveriesTable = 'deliveries'
var deploymentContainer = 'app-package'

var secretNames = {
  githubAppPrivateKey: 'github-app-private-key'
  githubWebhookSecret: 'github-webhook-secret'
  gitlabToken: 'gitlab-token'
  gitlabWebhookSecret: 'gitlab-webhook-secret'
  llmApiKey: 'llm-api-key'
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    retentionInDays: logRetentionInDays
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: tags
    name: names.storage
    skuName: storageSku
    deploymentContainerName: deploymentContainer
    queueNames: [
      reviewQueue
      '${reviewQueue}-poison'
    ]
    tableNames: [
      deliveriesTable
    ]
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    tags: tags
    name: names.keyVault
    enablePurgeProtection: keyVaultPurgeProtection
    softDeleteRetentionInDays: 7
    secretNames: secretNames
    githubAppPrivateKey: githubAppPrivateKey
    githubWebhookSecret: githubWebhookSecret
    gitlabToken: gitlabToken
    gitlabWebhookSecret: gitlabWebhookSecret
    llmApiKey: llmApiKey
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: names.appInsights
  dependsOn: [
    monitoring
  ]
}

// What the Functions host needs to start: its storage through the managed identity (no connection
// string, no key) and telemetry through the same identity.
var baseAppSettings = {
  AzureWebJobsStorage__accountName: storage.outputs.name
  AzureWebJobsStorage__blobServiceUri: storage.outputs.blobEndpoint
  AzureWebJobsStorage__queueServiceUri: storage.outputs.queueEndpoint
  AzureWebJobsStorage__tableServiceUri: storage.outputs.tableEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    tags: tags
    planName: names.plan
    appName: names.app
    runtimeName: 'dotnet-isolated'
    runtimeVersion: dotnetVersion
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    baseAppSettings: baseAppSettings
  }
}

// Names, not module outputs, so that what-if can predict the assignments; dependsOn orders them.
module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    principalId: functionApp.outputs.principalId
    functionAppName: names.app
    storageAccountName: names.storage
    keyVaultName: names.keyVault
    appInsightsName: names.appInsights
  }
  dependsOn: [
    keyVault
    monitoring
  ]
}

// A Key Vault reference: the platform fetches the secret with the app's identity and hands the app
// its value as an ordinary setting. No version in the URI: a rotated secret is picked up.
func kvRef(vaultUri string, secretName string) string =>
  '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretName})'

var vaultUri = keyVault.outputs.vaultUri

var githubSettings = empty(githubAppId)
  ? {}
  : union(
      {
        KernelPrBot__GitHub__AppId: githubAppId
        KernelPrBot__GitHub__PrivateKey: kvRef(vaultUri, secretNames.githubAppPrivateKey)
        KernelPrBot__GitHub__WebhookSecret: kvRef(vaultUri, secretNames.githubWebhookSecret)
      },
      empty(githubApiUrl) ? {} : { KernelPrBot__GitHub__ApiUrl: githubApiUrl }
    )

var gitlabSettings = empty(gitlabUrl)
  ? {}
  : {
      KernelPrBot__GitLab__Url: gitlabUrl
      KernelPrBot__GitLab__Token: kvRef(vaultUri, secretNames.gitlabToken)
      KernelPrBot__GitLab__WebhookSecret: kvRef(vaultUri, secretNames.gitlabWebhookSecret)
    }

// The model stage runs inside the queue-triggered review; its time budget keeps the job under the trigger's limit.
var llmSettings = empty(llmEndpoint) || empty(llmModel)
  ? {}
  : {
      KernelPrBot__Llm__Enabled: 'true'
      KernelPrBot__Llm__Provider: llmProvider
      KernelPrBot__Llm__Endpoint: llmEndpoint
      KernelPrBot__Llm__Model: llmModel
      KernelPrBot__Llm__ApiKeyHeader: llmApiKeyHeader
      KernelPrBot__Llm__ApiKey: kvRef(vaultUri, secretNames.llmApiKey)
      KernelPrBot__Llm__PostUnverified: string(llmPostUnverified)
      KernelPrBot__Llm__TimeBudgetSeconds: string(llmTimeBudgetSeconds)
    }

// The review queue on Azure Storage through the managed identity: the service endpoints instead of a
// connection string (the account takes no shared keys). The queue-triggered worker binds to the
// same account through AzureWebJobsStorage.
var queueSettings = {
  KernelPrBot__Queue__Kind: 'azure'
  KernelPrBot__Queue__QueueServiceUri: storage.outputs.queueEndpoint
  KernelPrBot__Queue__TableServiceUri: storage.outputs.tableEndpoint
  KernelPrBot__Review__DryRun: string(dryRun)
}

module appSettings 'modules/appsettings.bicep' = {
  name: 'appsettings'
  params: {
    appName: names.app
    settings: union(baseAppSettings, queueSettings, githubSettings, gitlabSettings, llmSettings)
  }
  // The references resolve only once the identity may read the vault.
  dependsOn: [
    functionApp
    roles
  ]
}

@description('Name of the function app (for func azure functionapp publish / az functionapp deploy).')
output functionAppName string = functionApp.outputs.name

@description('Default host name of the function app.')
output defaultHostName string = functionApp.outputs.defaultHostName

@description('Payload URL for the GitHub App\'s webhook.')
output githubWebhookUrl string = 'https://${functionApp.outputs.defaultHostName}/api/github/webhooks'

@description('URL for the GitLab project or group webhook.')
output gitlabWebhookUrl string = 'https://${functionApp.outputs.defaultHostName}/api/gitlab/webhooks'

@description('Name of the Key Vault holding the forge credentials.')
output keyVaultName string = keyVault.outputs.name

@description('Name of the storage account (queues review-requests and review-requests-poison, table deliveries).')
output storageAccountName string = storage.outputs.name
