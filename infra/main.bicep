// Azure resources for the SES review host: an App Service plan and web app running the ASP.NET Core host
// (it carries its own durable engine, so it runs on App Service rather than the Functions runtime), a storage
// account for the task hub and inventories, Key Vault for secrets, and Application Insights.
// Deploy: az deployment group create -g <rg> -f infra/main.bicep -p namePrefix=<prefix>
targetScope = 'resourceGroup'

@description('Short lowercase prefix for resource names (3-11 characters).')
@minLength(3)
@maxLength(11)
param namePrefix string

param location string = resourceGroup().location

@description('App Service plan SKU. P1v3 keeps the worker always on, which durable timers need.')
param planSku string = 'P1v3'

@description('OPM mailbox that receives submissions.')
param opmMailbox string = 'allocation-management@opm.gov'

@description('Mailbox the app sends from (Graph Mail.Send, app-only).')
param senderMailbox string

@description('How people sign in: AppService (App Service authentication signs them in and forwards X-MS-CLIENT-PRINCIPAL) or EntraId (the app signs them in with Microsoft.Identity.Web). Never Development.')
@allowed(['AppService', 'EntraId'])
param accessMode string = 'AppService'

@description('Entra tenant of the sign-in app registration (its app roles ExecutiveResources and Compliance are assigned to people).')
param signInTenantId string = subscription().tenantId

@description('Client (application) id of the sign-in app registration.')
param signInClientId string

var suffix = uniqueString(resourceGroup().id)
var storageName = toLower('${namePrefix}st${take(suffix, 8)}')
var vaultName = '${namePrefix}-kv-${take(suffix, 6)}'

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
  name: '${namePrefix}-logs'
  location: location
  properties: { sku: { name: 'PerGB2018' }, retentionInDays: 90 }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-ai'
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

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${namePrefix}-plan'
  location: location
  sku: { name: planSku }
  kind: 'linux'
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: '${namePrefix}-app-${take(suffix, 6)}'
  location: location
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|10.0'
      alwaysOn: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        // Secrets are Key Vault references; their values are set in the vault, never in this file.
        { name: 'AzureWebJobsStorage', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=StorageConnectionString)' }
        { name: 'Notifications__Graph__ClientSecret', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=GraphClientSecret)' }
        { name: 'Approvals__SigningKey', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=ApprovalSigningKey)' }
        { name: 'Runtime__SystemKey', value: '@Microsoft.KeyVault(VaultName=${vault.name};SecretName=RuntimeSystemKey)' }
        { name: 'Notifications__Channel', value: 'Graph' }
        { name: 'Notifications__OpmMailbox', value: opmMailbox }
        { name: 'Notifications__SenderMailbox', value: senderMailbox }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'Access__Mode', value: accessMode }
        { name: 'Access__EntraId__Instance', value: environment().authentication.loginEndpoint }
        { name: 'Access__EntraId__TenantId', value: signInTenantId }
        { name: 'Access__EntraId__ClientId', value: signInClientId }
        // EntraId mode builds its sign-in redirect from the request: take the scheme and host App Service's front end forwards.
        { name: 'ASPNETCORE_FORWARDEDHEADERS_ENABLED', value: 'true' }
      ]
    }
  }
}

// AppService mode: App Service authentication signs people in with Entra ID and forwards X-MS-CLIENT-PRINCIPAL (it strips
// any such header a client sends). Unauthenticated requests still reach the app, because approvers and signers open their
// task links without signing in; the app itself answers 401/403 on every other route (docs/security.md).
resource easyAuth 'Microsoft.Web/sites/config@2023-12-01' = if (accessMode == 'AppService') {
  parent: app
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
  name: guid(vault.id, app.id, 'secrets-user')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

output appUrl string = 'https://${app.properties.defaultHostName}'
output storageAccount string = storage.name
output keyVault string = vault.name
