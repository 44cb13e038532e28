using 'main.bicep'

// Deployment parameters for KernelPrBot. Edit the non-secret values here. Secrets never go in this
// file: pass them on the command line (az deployment group create ... -p infra/main.bicepparam
// -p githubAppPrivateKey=@app.pem ...) or through the environment variables read below. A secret left
// empty is not written, so a later deployment without secrets keeps the ones in Key Vault.
// See infra/README.md.

param name = 'kpb'
param instanceMemoryMB = 2048
param maximumInstanceCount = 40
param dotnetVersion = '10.0'
param storageSku = 'Standard_LRS'
param logRetentionInDays = 30
param keyVaultPurgeProtection = false
param dryRun = false

// GitHub App: its numeric id (empty: GitHub not configured).
param githubAppId = ''
param githubApiUrl = ''
param githubAppPrivateKey = readEnvironmentVariable('KPB_GITHUB_APP_PRIVATE_KEY', '')
param githubWebhookSecret = readEnvironmentVariable('KPB_GITHUB_WEBHOOK_SECRET', '')

// GitLab: the instance URL, e.g. 'https://gitlab.example.org' (empty: GitLab not configured).
param gitlabUrl = ''
param gitlabToken = readEnvironmentVariable('KPB_GITLAB_TOKEN', '')
param gitlabWebhookSecret = readEnvironmentVariable('KPB_GITLAB_WEBHOOK_SECRET', '')

// The opt-in model-assisted stage: set llmEndpoint and llmModel to turn it on (empty: off).
param llmEndpoint = ''
param llmModel = ''
param llmProvider = 'openai'
param llmApiKeyHeader = 'Authorization'
param llmApiKey = readEnvironmentVariable('KPB_LLM_API_KEY', '')
param llmPostUnverified = false
param llmTimeBudgetSeconds = 240
