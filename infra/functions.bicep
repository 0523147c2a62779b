// Azure resources for the SES review app on Azure Functions (the alternative to main.bicep's App Service self-host):
// an Elastic Premium plan and a Linux Function App running src/SesReview.Functions (.NET 10 isolated worker, Durable
// Functions on the Azure Storage backend), its storage account (task hub, product tables/blobs, content share), Key
// Vault for secrets and Application Insights.
//
// Elastic Premium rather than Flex Consumption: the workflows read AzureWebJobsStorage as a connection string (the
// product's tables and the task hub share it), which Premium resolves from a Key Vault reference; Flex Consumption
// expects identity-based storage for the host. Premium also keeps an instance warm for durable timers.
//
// Deploy: az deployment group create -g <rg> -f infra/functions.bicep -p infra/functions.parameters.json
// Then set the secrets ApprovalSigningKey, RuntimeSystemKey and GraphClientSecret in the vault (never in this file)
// and publish: dotnet publish src/SesReview.Functions -c Release, zip the output, az functionapp deployment source config-zip.
targetScope = 'resourceGroup'

@description('Short lowercase prefix for resource names (3-11 characters).')
@minLength(3)
@maxLength(11)
param namePrefix string

param location string = resourceGroup().location

@description('Elastic Premium plan SKU (EP1, EP2, EP3).')
@allowed(['EP1', 'EP2', 'EP3'])
param planSku string = 'EP1'

@description('Instances kept warm (durable timers and queue polling never stop).')
@minValue(1)
param minimumInstances int = 1

@description('OPM mailbox that receives submissions.')
param opmMailbox string = 'allocation-management@opm.gov'

@description('Mailbox the app sends from (Graph Mail.Send, app-only).')
param senderMailbox string

@description('Entra tenant of the Graph app registration.')
param graphTenantId string

@description('Client (application) id of the Graph app registration; its secret goes to the vault as GraphClientSecret.')
param graphClientId string

@description('IANA time zone of the agency calendar.')
param calendarTimeZoneId string = 'America/New_York'

@description('How people sign in: AppService (App Service authentication signs them in and forwards X-MS-CLIENT-PRINCIPAL) or EntraId (the app signs them in with Microsoft.Identity.Web). Never Development.')
@allowed(['AppService', 'EntraId'])
param accessMode string = 'AppService'

@description('Entra tenant of the sign-in app registration (its app roles ExecutiveResources and Compliance are assigned to people).')
param signInTenantId string = subscription().tenantId

@description('Client (application) id of the sign-in app registration.')
param signInClientId string

var suffix = uniqueString(resourceGroup().id)
var storageName = toLower('${namePrefix}fn${take(suffix, 8)}')
var vaultName = '${namePrefix}-fkv-${take(suffix, 6)}'
var functionAppName = '${namePrefix}-func-${take(suffix, 6)}'
var contentShareName = toLower(functionAppName)

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  sku: { name: 'Standard_ZRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${namePrefix}-flogs'
  location: location
  properties: { sku: { name: 'PerGB2018' }, retentionInDays: 90 }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-fai'
  location: location
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: logs.id }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
  }
}

// The storage connection string is written to the vault by the deployment itself, so no one copies the key by hand.
resource storageSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'StorageConnectionString'
  properties: {
    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${namePrefix}-fplan'
  location: location
  sku: { name: planSku, tier: 'ElasticPremium' }
  kind: 'elastic'
  properties: {
    reserved: true
    maximumElasticWorkerCount: 20
  }
}

resource functionApp 'Microsoft.Web/sites@2023-12-01' = {
  name: functionAppName
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: 'DOTNET-ISOLATED|10.0'
      minimumElasticInstanceCount: minimumInstances
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // One setting per line as { name: '...', value: ... }: tests/SesReview.Functions.Tests checks these names against
      // local.settings.sample.json. Secrets are Key Vault references; their values live in the vault.
      appSettings: [
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet-isolated' }
        { name: 'AzureWebJobsStorage', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=StorageConnectionString)' }
        { name: 'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=StorageConnectionString)' }
        { name: 'WEBSITE_CONTENTSHARE', value: contentShareName }
        { name: 'WEBSITE_SKIP_CONTENTSHARE_VALIDATION', value: '1' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'AzureWebJobsDisableHomepage', value: 'true' }
        { name: 'SesReview__Calendar__TimeZoneId', value: calendarTimeZoneId }
        { name: 'Workflows__PublicBaseUrl', value: 'https://${functionAppName}.azurewebsites.net' }
        { name: 'Notifications__Channel', value: 'Graph' }
        { name: 'Notifications__SenderMailbox', value: senderMailbox }
        { name: 'Notifications__OpmMailbox', value: opmMailbox }
        { name: 'Notifications__Graph__TenantId', value: graphTenantId }
        { name: 'Notifications__Graph__ClientId', value: graphClientId }
        { name: 'Notifications__Graph__ClientSecret', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=GraphClientSecret)' }
        { name: 'Approvals__SigningKey', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=ApprovalSigningKey)' }
        { name: 'Runtime__SystemKey', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=RuntimeSystemKey)' }
        { name: 'Access__Mode', value: accessMode }
        { name: 'Access__EntraId__Instance', value: environment().authentication.loginEndpoint }
        { name: 'Access__EntraId__TenantId', value: signInTenantId }
        { name: 'Access__EntraId__ClientId', value: signInClientId }
      ]
    }
  }
  dependsOn: [storageSecret]
}

// AppService mode: App Service authentication signs people in with Entra ID and forwards X-MS-CLIENT-PRINCIPAL (it strips
// any such header a client sends). Unauthenticated requests still reach the app, because approvers and signers open their
// task links without signing in; the app itself answers 401/403 on every other route (docs/security.md).
resource easyAuth 'Microsoft.Web/sites/config@2023-12-01' = if (accessMode == 'AppService') {
  parent: functionApp
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          openIdIssuer: '${environment().authentication.loginEndpoint}${signInTenantId}/v2.0'
          clientId: signInClientId
        }
        validation: { allowedAudiences: ['api://${signInClientId}', signInClientId] }
      }
    }
    login: { tokenStore: { enabled: true } }
  }
}

// Key Vault Secrets User for the app's managed identity, so the Key Vault references resolve.
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, functionApp.id, 'secrets-user')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output functionAppUrl string = 'https://${functionApp.properties.defaultHostName}'
output functionAppName string = functionApp.name
output storageAccount string = storage.name
output keyVault string = vault.name
