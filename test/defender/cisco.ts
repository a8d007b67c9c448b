// Cisco's own test data for its Microsoft Defender for Endpoint relay, and what that relay answers.
// From CiscoSecurity/tr-05-serverless-microsoft-defender-for-endpoint at commit
// 3d9248a06ff287db23a06e88296a5d3fa6713ab4 (version 0.1.1), MIT License, Copyright (c) 2020 Cisco
// Systems, Inc. and/or its affiliates:
// - the mocks and expected answers of tests/unit/mock_for_tests.py and the values its tests write
//   inline (tests/unit/api/test_*.py), converted from Python to JSON and nothing else;
// - SCENARIOS: what Cisco's relay answered (`answer`) and which calls it made to Microsoft's API
//   (`calls`, with their bodies) when its own code ran once, unchanged, on Cisco's mocks arranged by
//   URL (`routes`; where Cisco's test answered calls in a sequence, each URL gets the answer the
//   sequence gave it) and on a few more scenarios of the same shape (network events, an alert's Ip
//   and Url evidence, a renamed file, machine states, every trigger): its test for observe checks
//   only the keys of one sighting (its EXPECTED_RESPONSE is older than its code), so its code is the
//   oracle of the rest. Ids are random there as here.

export const RAW_RESPONSE_MOCK = {
  "value": [
    {
      "id": "da637232753436918895_1129806926",
      "incidentId": 9,
      "investigationId": 7,
      "assignedTo": null,
      "severity": "Medium",
      "status": "New",
      "classification": null,
      "determination": null,
      "investigationState": "PendingApproval",
      "detectionSource": "WindowsDefenderAtp",
      "category": "DefenseEvasion",
      "threatFamilyName": null,
      "title": "Suspicious process injection observed",
      "description": "A description.",
      "alertCreationTime": "2020-04-23T21:49:03.4731342Z",
      "firstEventTime": "2020-04-23T21:45:29.7876586Z",
      "lastEventTime": "2020-04-23T21:45:29.7876586Z",
      "lastUpdateTime": "2020-04-23T22:49:12.4166667Z",
      "resolvedTime": null,
      "machineId": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0",
      "computerDnsName": "desktop-au3ip5k",
      "aadTenantId": "50920398-8d61-4533-a89f-da28c22f8add",
      "relatedUser": {
        "userName": "Serhii",
        "domainName": "DESKTOP-AU3IP5K"
      },
      "comments": [],
      "evidence": [
        {
          "entityType": "Process",
          "sha1": "36c5d12033b2eaf251bae61c00690ffb17fddc87",
          "sha256": "908b64b1971a979c7e3e8ce4621945cba84854cb98d76367b791a6e22b5f6d53",
          "fileName": "powershell.exe",
          "filePath": "C:\\Windows\\System32\\WindowsPowerShell\\v1.0",
          "processId": 7248,
          "processCommandLine": "powershell.exe",
          "processCreationTime": "2020-04-23T21:45:05.2801569Z",
          "parentProcessId": 7700,
          "parentProcessCreationTime": "2020-04-23T21:35:19.6505701Z",
          "ipAddress": null,
          "url": null,
          "accountName": null,
          "domainName": null,
          "userSid": null,
          "aadUserId": null,
          "userPrincipalName": null
        },
        {
          "entityType": "Process",
          "sha1": "c401cd335ba6a3bdaf8799fdc09cdc0721f06015",
          "sha256": "e5d90beeb6f13f4613c3153dabbd1466f4a062b7252d931f37210907a7f914f7",
          "fileName": "notepad.exe",
          "filePath": "C:\\Windows\\System32",
          "processId": 8596,
          "processCommandLine": "notepad.exe",
          "processCreationTime": "2020-04-23T21:45:29.2017339Z",
          "parentProcessId": 7248,
          "parentProcessCreationTime": "2020-04-23T21:45:05.2801569Z",
          "ipAddress": null,
          "url": null,
          "accountName": null,
          "domainName": null,
          "userSid": null,
          "aadUserId": null,
          "userPrincipalName": null
        },
        {
          "entityType": "User",
          "sha1": null,
          "sha256": null,
          "fileName": null,
          "filePath": null,
          "processId": null,
          "processCommandLine": null,
          "processCreationTime": null,
          "parentProcessId": null,
          "parentProcessCreationTime": null,
          "ipAddress": null,
          "url": null,
          "accountName": "Serhii",
          "domainName": "DESKTOP-AU3IP5K",
          "userSid": "S-1-5-21-2782702779-1769723919-1938768942-1001",
          "aadUserId": null,
          "userPrincipalName": null
        }
      ]
    }
  ]
};

export const AH_RESPONSE = {
  "Stats": {
    "ExecutionTime": 0.0312486,
    "resource_usage": {
      "cache": {
        "memory": {
          "hits": 110,
          "misses": 0,
          "total": 110
        },
        "disk": {
          "hits": 0,
          "misses": 0,
          "total": 0
        }
      },
      "cpu": {
        "user": "00:00:00",
        "kernel": "00:00:00.0312500",
        "total cpu": "00:00:00.0312500"
      },
      "memory": {
        "peak_per_node": 167773216
      }
    },
    "dataset_statistics": [
      {
        "table_row_count": 3,
        "table_size": 2639
      }
    ]
  },
  "Schema": [
    {
      "Name": "Timestamp",
      "Type": "DateTime"
    },
    {
      "Name": "DeviceId",
      "Type": "String"
    },
    {
      "Name": "DeviceName",
      "Type": "String"
    },
    {
      "Name": "ActionType",
      "Type": "String"
    },
    {
      "Name": "FileName",
      "Type": "String"
    },
    {
      "Name": "FolderPath",
      "Type": "String"
    },
    {
      "Name": "SHA1",
      "Type": "String"
    },
    {
      "Name": "SHA256",
      "Type": "String"
    },
    {
      "Name": "MD5",
      "Type": "String"
    },
    {
      "Name": "FileOriginUrl",
      "Type": "String"
    },
    {
      "Name": "FileOriginReferrerUrl",
      "Type": "String"
    },
    {
      "Name": "FileOriginIP",
      "Type": "String"
    },
    {
      "Name": "FileSize",
      "Type": "Int64"
    },
    {
      "Name": "InitiatingProcessAccountDomain",
      "Type": "String"
    },
    {
      "Name": "InitiatingProcessAccountName",
      "Type": "String"
    },
    {
      "Name": "InitiatingProcessAccountSid",
      "Type": "String"
    },
    {
      "Name": "InitiatingProcessAccountUpn",
      "Type": "String"
    },
    {
      "Name": "InitiatingProcessAccountObjectId",
      "Type": "String"
    },
    {
      "Name": "InitiatingProcessMD5",
      "Type": "String"
    },
    {
      "Name": "InitiatingProcessSHA1",
      "Type": "String"
    },
    {
      "Name": "InitiatingProcessSHA256",
      "Type": "String"
    },
    {
      "Name": "InitiatingProcessFolderPath",
      "Type": "String"
    },
    {
      "Name": "InitiatingProcessFileName",
      "Type": "String"
    },
    {
      "Name": "InitiatingProcessId",
      "Type": "Int64"
    },
    {
      "Name": "InitiatingProcessCommandLine",
      "Type": "String"
    },
    {
      "Name": "InitiatingProcessCreationTime",
      "Type": "DateTime"
    },
    {
      "Name": "InitiatingProcessIntegrityLevel",
      "Type": "String"
    },
    {
      "Name": "InitiatingProcessTokenElevation",
      "Type": "String"
    },
    {
      "Name": "InitiatingProcessParentId",
      "Type": "Int64"
    },
    {
      "Name": "InitiatingProcessParentFileName",
      "Type": "String"
    },
    {
      "Name": "InitiatingProcessParentCreationTime",
      "Type": "DateTime"
    },
    {
      "Name": "RequestProtocol",
      "Type": "String"
    },
    {
      "Name": "ShareName",
      "Type": "String"
    },
    {
      "Name": "RequestSourceIP",
      "Type": "String"
    },
    {
      "Name": "RequestSourcePort",
      "Type": "Int32"
    },
    {
      "Name": "RequestAccountName",
      "Type": "String"
    },
    {
      "Name": "RequestAccountDomain",
      "Type": "String"
    },
    {
      "Name": "RequestAccountSid",
      "Type": "String"
    },
    {
      "Name": "SensitivityLabel",
      "Type": "String"
    },
    {
      "Name": "SensitivitySubLabel",
      "Type": "String"
    },
    {
      "Name": "IsAzureInfoProtectionApplied",
      "Type": "SByte"
    },
    {
      "Name": "ReportId",
      "Type": "Int64"
    },
    {
      "Name": "AppGuardContainerId",
      "Type": "String"
    }
  ],
  "Results": [
    {
      "Timestamp": "2020-05-28T07:06:58.4340352Z",
      "DeviceId": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0",
      "DeviceName": "desktop-au3ip5k",
      "ActionType": "FileCreated",
      "FileName": "Ransomware.Rex[1].zip",
      "FolderPath": "C:\\Users\\Serhii\\AppData\\Local\\Packages\\Microsoft.MicrosoftEdge_8wekyb3d8bbwe\\AC\\#!001\\MicrosoftEdge\\Cache\\HCRKS966\\Ransomware.Rex[1].zip",
      "SHA1": "0d549631690ea297c25b2a4e133cacb8a87b97c6",
      "SHA256": "",
      "MD5": "50188823168525455c273c07d8457b87",
      "FileOriginUrl": "",
      "FileOriginReferrerUrl": "",
      "FileOriginIP": "",
      "FileSize": 2843585,
      "InitiatingProcessAccountDomain": "desktop-au3ip5k",
      "InitiatingProcessAccountName": "serhii",
      "InitiatingProcessAccountSid": "S-1-5-21-2782702779-1769723919-1938768942-1001",
      "InitiatingProcessAccountUpn": "",
      "InitiatingProcessAccountObjectId": "",
      "InitiatingProcessMD5": "0e954887fc791f668ce388f89bc3d6c6",
      "InitiatingProcessSHA1": "ecb05717e416d965255387f4edc196889aa12c67",
      "InitiatingProcessSHA256": "",
      "InitiatingProcessFolderPath": "c:\\windows\\system32\\microsoftedgecp.exe",
      "InitiatingProcessFileName": "MicrosoftEdgeCP.exe",
      "InitiatingProcessId": 5788,
      "InitiatingProcessCommandLine": "\"MicrosoftEdgeCP.exe\" -ServerName:Windows.Internal.WebRuntime.ContentProcessServer",
      "InitiatingProcessCreationTime": "2020-05-28T06:49:10.9330787Z",
      "InitiatingProcessIntegrityLevel": "Low",
      "InitiatingProcessTokenElevation": "TokenElevationTypeLimited",
      "InitiatingProcessParentId": 804,
      "InitiatingProcessParentFileName": "svchost.exe",
      "InitiatingProcessParentCreationTime": "2020-05-25T17:12:09.5929805Z",
      "RequestProtocol": "Local",
      "ShareName": "",
      "RequestSourceIP": "",
      "RequestSourcePort": null,
      "RequestAccountName": "Serhii",
      "RequestAccountDomain": "DESKTOP-AU3IP5K",
      "RequestAccountSid": "S-1-5-21-2782702779-1769723919-1938768942-1001",
      "SensitivityLabel": "",
      "SensitivitySubLabel": "",
      "IsAzureInfoProtectionApplied": null,
      "ReportId": 14689,
      "AppGuardContainerId": "",
      "MacAddress": "00224843C030",
      "IPAddresses": "[{\"IPAddress\": \"10.1.1.68\", \"SubnetPrefix\": 26, \"AddressType\": \"Private\"}, {\"IPAddress\": \"fe80::6d25:8926:20c3:49ea\", \"SubnetPrefix\": 64, \"AddressType\": \"Private\"}]"
    }
  ]
};

export const GET_SHA256_FOR_0d549631690ea297c25b2a4e133cacb8a87b97c6 = {
  "@odata.context": "https://api.securitycenter.windows.com/api/v1.0/$metadata#Files/$entity",
  "sha1": "0d549631690ea297c25b2a4e133cacb8a87b97c6",
  "sha256": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d",
  "md5": "50188823168525455c273c07d8457b87",
  "globalPrevalence": 15,
  "globalFirstObserved": "2017-03-16T12:02:32.4527362Z",
  "globalLastObserved": "2020-06-17T06:54:07.852862Z",
  "size": 2843585,
  "fileType": null,
  "isPeFile": false,
  "filePublisher": null,
  "fileProductName": null,
  "signer": null,
  "issuer": null,
  "signerHash": null,
  "isValidCertificate": null,
  "determinationType": "Unknown",
  "determinationValue": ""
};

export const GET_SHA256_FOR_ecb05717e416d965255387f4edc196889aa12c67 = {
  "@odata.context": "https://api.securitycenter.windows.com/api/v1.0/$metadata#Files/$entity",
  "sha1": "ecb05717e416d965255387f4edc196889aa12c67",
  "sha256": "ee7174ee353e7d29ce17d29d66411b3623c39d9dec3f439e35af47a7e7a7c895",
  "md5": "0e954887fc791f668ce388f89bc3d6c6",
  "globalPrevalence": 960835,
  "globalFirstObserved": "2019-03-20T20:18:55.4327667Z",
  "globalLastObserved": "2020-06-18T11:01:12.3779721Z",
  "size": 94720,
  "fileType": null,
  "isPeFile": true,
  "filePublisher": null,
  "fileProductName": null,
  "signer": "Microsoft Windows",
  "issuer": "Microsoft Windows Production PCA 2011",
  "signerHash": "84ec67b9ac9d7789bab500503a7862173f432adb",
  "isValidCertificate": true,
  "determinationType": "Unknown",
  "determinationValue": ""
};

export const EXPECTED_RESPONSE = {
  "data": {
    "sightings": {
      "count": 2,
      "docs": [
        {
          "type": "sighting",
          "confidence": "High",
          "internal": true,
          "source": "Microsoft Defender for Endpoint",
          "sensor": "endpoint",
          "schema_version": "1.0.16",
          "targets": [],
          "relations": [
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Name_Of",
              "source": {
                "value": "Ransomware.WannaCry.zip",
                "type": "file_name"
              },
              "related": {
                "value": "ba5de52939cb809eae10fdbb7fac47095a9599a7",
                "type": "sha1"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Name_Of",
              "source": {
                "value": "Ransomware.WannaCry.zip",
                "type": "file_name"
              },
              "related": {
                "value": "707a9f323556179571bc832e34fa592066b1d5f2cac4a7426fe163597e3e618a",
                "type": "sha256"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Path_Of",
              "source": {
                "value": "C:\\Users\\Serhii\\Downloads",
                "type": "file_path"
              },
              "related": {
                "value": "ba5de52939cb809eae10fdbb7fac47095a9599a7",
                "type": "sha1"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Path_Of",
              "source": {
                "value": "C:\\Users\\Serhii\\Downloads",
                "type": "file_path"
              },
              "related": {
                "value": "707a9f323556179571bc832e34fa592066b1d5f2cac4a7426fe163597e3e618a",
                "type": "sha256"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Name_Of",
              "source": {
                "value": "Dino.zip",
                "type": "file_name"
              },
              "related": {
                "value": "e6c442016aa3c25c54e32cf9637a0b79ebaaa5e1",
                "type": "sha1"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Name_Of",
              "source": {
                "value": "Dino.zip",
                "type": "file_name"
              },
              "related": {
                "value": "66fb3bfdb601414cd35623d3dab811215f8dfa08c4189df588872fb543568684",
                "type": "sha256"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Path_Of",
              "source": {
                "value": "C:\\Users\\Serhii\\Downloads",
                "type": "file_path"
              },
              "related": {
                "value": "e6c442016aa3c25c54e32cf9637a0b79ebaaa5e1",
                "type": "sha1"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Path_Of",
              "source": {
                "value": "C:\\Users\\Serhii\\Downloads",
                "type": "file_path"
              },
              "related": {
                "value": "66fb3bfdb601414cd35623d3dab811215f8dfa08c4189df588872fb543568684",
                "type": "sha256"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Name_Of",
              "source": {
                "value": "AntiExe.A.zip",
                "type": "file_name"
              },
              "related": {
                "value": "8fa3b60ea7b526b46ca22fa6544443a670a7de46",
                "type": "sha1"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Name_Of",
              "source": {
                "value": "AntiExe.A.zip",
                "type": "file_name"
              },
              "related": {
                "value": "93861a8aa9a4f42489d029c64bc0599c208971891c70a9b2192b60e20c57d3bc",
                "type": "sha256"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Path_Of",
              "source": {
                "value": "C:\\Users\\Serhii\\Downloads",
                "type": "file_path"
              },
              "related": {
                "value": "8fa3b60ea7b526b46ca22fa6544443a670a7de46",
                "type": "sha1"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Path_Of",
              "source": {
                "value": "C:\\Users\\Serhii\\Downloads",
                "type": "file_path"
              },
              "related": {
                "value": "93861a8aa9a4f42489d029c64bc0599c208971891c70a9b2192b60e20c57d3bc",
                "type": "sha256"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Name_Of",
              "source": {
                "value": "Ransomware.WannaCry[1].zip",
                "type": "file_name"
              },
              "related": {
                "value": "ba5de52939cb809eae10fdbb7fac47095a9599a7",
                "type": "sha1"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Path_Of",
              "source": {
                "value": "C:\\Users\\Serhii\\AppData\\Local\\Packages\\Microsoft.MicrosoftEdge_8wekyb3d8bbwe\\AC\\#!001\\MicrosoftEdge\\Cache\\5WDW06DN",
                "type": "file_path"
              },
              "related": {
                "value": "ba5de52939cb809eae10fdbb7fac47095a9599a7",
                "type": "sha1"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Name_Of",
              "source": {
                "value": "AntiExe.A[1].zip",
                "type": "file_name"
              },
              "related": {
                "value": "8fa3b60ea7b526b46ca22fa6544443a670a7de46",
                "type": "sha1"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Path_Of",
              "source": {
                "value": "C:\\Users\\Serhii\\AppData\\Local\\Packages\\Microsoft.MicrosoftEdge_8wekyb3d8bbwe\\AC\\#!001\\MicrosoftEdge\\Cache\\ITPWIEMR",
                "type": "file_path"
              },
              "related": {
                "value": "8fa3b60ea7b526b46ca22fa6544443a670a7de46",
                "type": "sha1"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Name_Of",
              "source": {
                "value": "Dino[1].zip",
                "type": "file_name"
              },
              "related": {
                "value": "e6c442016aa3c25c54e32cf9637a0b79ebaaa5e1",
                "type": "sha1"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Path_Of",
              "source": {
                "value": "C:\\Users\\Serhii\\AppData\\Local\\Packages\\Microsoft.MicrosoftEdge_8wekyb3d8bbwe\\AC\\#!001\\MicrosoftEdge\\Cache\\ITPWIEMR",
                "type": "file_path"
              },
              "related": {
                "value": "e6c442016aa3c25c54e32cf9637a0b79ebaaa5e1",
                "type": "sha1"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Name_Of",
              "source": {
                "value": "APT34.zip",
                "type": "file_name"
              },
              "related": {
                "value": "3c61a2ac4276155094ff7f77d1d6400197ff2d93",
                "type": "sha1"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Name_Of",
              "source": {
                "value": "APT34.zip",
                "type": "file_name"
              },
              "related": {
                "value": "4698791decea6748d82a591eb519cff3ff178e5f168c2a9f4fe70468e267b369",
                "type": "sha256"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Path_Of",
              "source": {
                "value": "C:\\Users\\Serhii\\Downloads",
                "type": "file_path"
              },
              "related": {
                "value": "3c61a2ac4276155094ff7f77d1d6400197ff2d93",
                "type": "sha1"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Path_Of",
              "source": {
                "value": "C:\\Users\\Serhii\\Downloads",
                "type": "file_path"
              },
              "related": {
                "value": "4698791decea6748d82a591eb519cff3ff178e5f168c2a9f4fe70468e267b369",
                "type": "sha256"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Name_Of",
              "source": {
                "value": "APT34[1].zip",
                "type": "file_name"
              },
              "related": {
                "value": "3c61a2ac4276155094ff7f77d1d6400197ff2d93",
                "type": "sha1"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Path_Of",
              "source": {
                "value": "C:\\Users\\Serhii\\AppData\\Local\\Packages\\Microsoft.MicrosoftEdge_8wekyb3d8bbwe\\AC\\#!001\\MicrosoftEdge\\Cache\\ITPWIEMR",
                "type": "file_path"
              },
              "related": {
                "value": "3c61a2ac4276155094ff7f77d1d6400197ff2d93",
                "type": "sha1"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Name_Of",
              "source": {
                "value": "Ransomware.Rex.zip",
                "type": "file_name"
              },
              "related": {
                "value": "0d549631690ea297c25b2a4e133cacb8a87b97c6",
                "type": "sha1"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Name_Of",
              "source": {
                "value": "Ransomware.Rex.zip",
                "type": "file_name"
              },
              "related": {
                "value": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d",
                "type": "sha256"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Path_Of",
              "source": {
                "value": "C:\\Users\\Serhii\\Downloads",
                "type": "file_path"
              },
              "related": {
                "value": "0d549631690ea297c25b2a4e133cacb8a87b97c6",
                "type": "sha1"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Path_Of",
              "source": {
                "value": "C:\\Users\\Serhii\\Downloads",
                "type": "file_path"
              },
              "related": {
                "value": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d",
                "type": "sha256"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Name_Of",
              "source": {
                "value": "VBS.Hopper.zip",
                "type": "file_name"
              },
              "related": {
                "value": "0b109ff594e05cc8ac137d51bcd540ebe27afc0c",
                "type": "sha1"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Name_Of",
              "source": {
                "value": "VBS.Hopper.zip",
                "type": "file_name"
              },
              "related": {
                "value": "805585d028fa2466846ab544431f0d4c6c7de4d8ef31620af65b537fbd66990b",
                "type": "sha256"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Path_Of",
              "source": {
                "value": "C:\\Users\\Serhii\\Downloads",
                "type": "file_path"
              },
              "related": {
                "value": "0b109ff594e05cc8ac137d51bcd540ebe27afc0c",
                "type": "sha1"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Path_Of",
              "source": {
                "value": "C:\\Users\\Serhii\\Downloads",
                "type": "file_path"
              },
              "related": {
                "value": "805585d028fa2466846ab544431f0d4c6c7de4d8ef31620af65b537fbd66990b",
                "type": "sha256"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Name_Of",
              "source": {
                "value": "VBS.Hopper[1].zip",
                "type": "file_name"
              },
              "related": {
                "value": "0b109ff594e05cc8ac137d51bcd540ebe27afc0c",
                "type": "sha1"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Path_Of",
              "source": {
                "value": "C:\\Users\\Serhii\\AppData\\Local\\Packages\\Microsoft.MicrosoftEdge_8wekyb3d8bbwe\\AC\\#!001\\MicrosoftEdge\\Cache\\ITPWIEMR",
                "type": "file_path"
              },
              "related": {
                "value": "0b109ff594e05cc8ac137d51bcd540ebe27afc0c",
                "type": "sha1"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Name_Of",
              "source": {
                "value": "Ransomware.Rex[1].zip",
                "type": "file_name"
              },
              "related": {
                "value": "0d549631690ea297c25b2a4e133cacb8a87b97c6",
                "type": "sha1"
              }
            },
            {
              "origin": "WindowsDefenderAv",
              "relation": "File_Path_Of",
              "source": {
                "value": "C:\\Users\\Serhii\\AppData\\Local\\Packages\\Microsoft.MicrosoftEdge_8wekyb3d8bbwe\\AC\\#!001\\MicrosoftEdge\\Cache\\HCRKS966",
                "type": "file_path"
              },
              "related": {
                "value": "0d549631690ea297c25b2a4e133cacb8a87b97c6",
                "type": "sha1"
              }
            }
          ],
          "id": "transient-sighting:0866fbfe-a311-40c2-b51d-5fa5d898d935",
          "count": 2,
          "observables": [
            {
              "type": "sha1",
              "value": "0d549631690ea297c25b2a4e133cacb8a87b97c6"
            }
          ],
          "observed_time": {
            "start_time": "2020-05-28T06:52:39.8400379Z",
            "end_time": "2020-05-28T06:52:39.8400379Z"
          },
          "title": "'Vigorf' malware was detected",
          "description": "Malware and unwanted software are undesirable applications that perform annoying, disruptive, or harmful actions on affected machines. Some of these undesirable applications can replicate and spread from one machine to another. Others are able to receive commands from remote attackers and perform activities associated with cyber attacks.\n\nThis detection might indicate that the malware was stopped from delivering its payload. However, it is prudent to check the machine for signs of infection.",
          "severity": "Info",
          "timestamp": "2020-05-31T10:44:12.9Z",
          "source_uri": "https://securitycenter.windows.com/files/0d549631690ea297c25b2a4e133cacb8a87b97c6/alerts"
        },
        {
          "type": "sighting",
          "confidence": "High",
          "internal": true,
          "source": "Microsoft Defender for Endpoint",
          "sensor": "endpoint",
          "schema_version": "1.0.16",
          "relations": [
            {
              "origin": "Microsoft Defender for Endpoint",
              "relation": "File_Name_Of",
              "source": {
                "type": "file_name",
                "value": "Ransomware.Rex[1].zip"
              },
              "related": {
                "type": "sha1",
                "value": "0d549631690ea297c25b2a4e133cacb8a87b97c6"
              }
            },
            {
              "origin": "Microsoft Defender for Endpoint",
              "relation": "File_Name_Of",
              "source": {
                "type": "file_name",
                "value": "Ransomware.Rex[1].zip"
              },
              "related": {
                "type": "sha256",
                "value": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d"
              }
            },
            {
              "origin": "Microsoft Defender for Endpoint",
              "relation": "File_Name_Of",
              "source": {
                "type": "file_name",
                "value": "Ransomware.Rex[1].zip"
              },
              "related": {
                "type": "md5",
                "value": "50188823168525455c273c07d8457b87"
              }
            },
            {
              "origin": "Microsoft Defender for Endpoint",
              "relation": "File_Path_Of",
              "source": {
                "type": "file_path",
                "value": "C:\\Users\\Serhii\\AppData\\Local\\Packages\\Microsoft.MicrosoftEdge_8wekyb3d8bbwe\\AC\\#!001\\MicrosoftEdge\\Cache\\HCRKS966\\Ransomware.Rex[1].zip"
              },
              "related": {
                "type": "file_name",
                "value": "Ransomware.Rex[1].zip"
              }
            },
            {
              "origin": "Microsoft Defender for Endpoint",
              "relation": "Related_To",
              "source": {
                "type": "file_name",
                "value": "MicrosoftEdgeCP.exe"
              },
              "related": {
                "type": "file_name",
                "value": "Ransomware.Rex[1].zip"
              }
            },
            {
              "origin": "Microsoft Defender for Endpoint",
              "relation": "File_Name_Of",
              "source": {
                "type": "file_name",
                "value": "MicrosoftEdgeCP.exe"
              },
              "related": {
                "type": "sha1",
                "value": "ecb05717e416d965255387f4edc196889aa12c67"
              }
            },
            {
              "origin": "Microsoft Defender for Endpoint",
              "relation": "File_Name_Of",
              "source": {
                "type": "file_name",
                "value": "MicrosoftEdgeCP.exe"
              },
              "related": {
                "type": "sha256",
                "value": "ee7174ee353e7d29ce17d29d66411b3623c39d9dec3f439e35af47a7e7a7c895"
              }
            },
            {
              "origin": "Microsoft Defender for Endpoint",
              "relation": "File_Name_Of",
              "source": {
                "type": "file_name",
                "value": "MicrosoftEdgeCP.exe"
              },
              "related": {
                "type": "md5",
                "value": "0e954887fc791f668ce388f89bc3d6c6"
              }
            },
            {
              "origin": "Microsoft Defender for Endpoint",
              "relation": "File_Path_Of",
              "source": {
                "type": "file_path",
                "value": "c:\\windows\\system32\\microsoftedgecp.exe"
              },
              "related": {
                "type": "file_name",
                "value": "MicrosoftEdgeCP.exe"
              }
            },
            {
              "origin": "Microsoft Defender for Endpoint",
              "relation": "Related_To",
              "source": {
                "type": "file_name",
                "value": "MicrosoftEdgeCP.exe"
              },
              "related": {
                "type": "file_name",
                "value": "svchost.exe"
              }
            }
          ],
          "targets": [
            {
              "type": "endpoint",
              "os": "Windows10",
              "observables": [
                {
                  "type": "hostname",
                  "value": "DESKTOP-AU3IP5K"
                },
                {
                  "type": "ip",
                  "value": "10.0.2.15"
                }
              ],
              "observed_time": {
                "start_time": "2020-05-28T07:06:58.4340352Z",
                "end_time": "2020-05-28T07:06:58.4340352Z"
              }
            }
          ],
          "id": "transient-sighting:ded6f089-ea5e-401d-a0ba-aed6457d4ba1",
          "count": 2,
          "observables": [
            {
              "type": "sha1",
              "value": "0d549631690ea297c25b2a4e133cacb8a87b97c6"
            }
          ],
          "observed_time": {
            "start_time": "2020-05-28T07:06:58.4340352Z",
            "end_time": "2020-05-28T07:06:58.4340352Z"
          }
        }
      ]
    }
  }
};

export const EXPECTED_RESPONSE_500_ERROR = {
  "errors": [
    {
      "code": "internal error",
      "message": "Microsoft Defender for Endpoint internal error.",
      "type": "fatal"
    }
  ]
};

export const EXPECTED_RESPONSE_429_ERROR = {
  "errors": [
    {
      "code": "too many requests",
      "message": "Too many requests to Microsoft Defender for Endpoint have been made. Please, try again later.",
      "type": "fatal"
    }
  ]
};

export const EXPECTED_RESPONSE_400_ERROR = {
  "errors": [
    {
      "code": "invalid request",
      "message": "Invalid request to Microsoft Defender for Endpoint. Access Token does not exist.",
      "type": "fatal"
    }
  ]
};

export const EXPECTED_RESPONSE_BAD_SIGNATURE = {
  "errors": [
    {
      "code": "authorization error",
      "message": "Authorization failed: Failed to decode JWT with provided key",
      "type": "fatal"
    }
  ]
};

export const EXPECTED_RESPONSE_MISS_AUTH_ERROR = {
  "errors": [
    {
      "code": "authorization error",
      "message": "Authorization failed: Authorization header is missing",
      "type": "fatal"
    }
  ]
};

export const EXPECTED_RESPONSE_WRONG_AUTH_TYPE_ERROR = {
  "errors": [
    {
      "code": "authorization error",
      "message": "Authorization failed: Wrong authorization type",
      "type": "fatal"
    }
  ]
};

export const EXPECTED_RESPONSE_RESPOND_OBSERVABLE = {
  "data": [
    {
      "categories": [
        "Microsoft Defender for Endpoint",
        "Add Indicator"
      ],
      "description": "Add indicator with Alert action for asdf.com",
      "id": "microsoft-defender-add-indicator-alert",
      "query-params": {
        "observable_type": "domain",
        "observable_value": "asdf.com"
      },
      "title": "Add indicator: Alert"
    },
    {
      "categories": [
        "Microsoft Defender for Endpoint",
        "Add Indicator"
      ],
      "description": "Add indicator with Alert and Block action for asdf.com",
      "id": "microsoft-defender-add-indicator-alert-and-block",
      "query-params": {
        "observable_type": "domain",
        "observable_value": "asdf.com"
      },
      "title": "Add indicator: Alert and Block"
    },
    {
      "categories": [
        "Microsoft Defender for Endpoint",
        "Add Indicator"
      ],
      "description": "Add indicator with Allow action for asdf.com",
      "id": "microsoft-defender-add-indicator-allowed",
      "query-params": {
        "observable_type": "domain",
        "observable_value": "asdf.com"
      },
      "title": "Add indicator: Allow"
    }
  ]
};

export const AVAILABLE_MACHINE_ACTIONS_RESPONSE = {
  "@odata.context": "https://api.securitycenter.windows.com/api/$metadata#Collection(microsoft.windowsDefenderATP.api.ActionAvailabilityStatus)",
  "value": [
    {
      "action": "FullIsolation",
      "isAvailable": true,
      "notSupportedReason": null
    },
    {
      "action": "SelectiveIsolation",
      "isAvailable": true,
      "notSupportedReason": null
    },
    {
      "action": "RunAntiVirusScan",
      "isAvailable": true,
      "notSupportedReason": null
    },
    {
      "action": "CollectInvestigationPackage",
      "isAvailable": true,
      "notSupportedReason": null
    },
    {
      "action": "StopAndQuarantineFile",
      "isAvailable": true,
      "notSupportedReason": null
    },
    {
      "action": "RestrictCodeExecution",
      "isAvailable": true,
      "notSupportedReason": null
    },
    {
      "action": "InitiateInvestigation",
      "isAvailable": true,
      "notSupportedReason": null
    },
    {
      "action": "OffBoard",
      "isAvailable": true,
      "notSupportedReason": null
    },
    {
      "action": "RunCustomPlaybook",
      "isAvailable": true,
      "notSupportedReason": null
    }
  ]
};

export const HISTORY_MACHINE_ACTIONS_RESPONSE_EMPTY = {
  "@odata.context": "https://api.securitycenter.windows.com/api/$metadata#Collection(microsoft.windowsDefenderATP.api.MachineAction)",
  "value": []
};

export const HISTORY_MACHINE_ACTIONS_RESPONSE_ISOLATE = {
  "@odata.context": "https://api.securitycenter.windows.com/api/$metadata#Collection(microsoft.windowsDefenderATP.api.MachineAction)",
  "value": [
    {
      "id": "b5903304-9bef-4197-8aa8-b82d2e1f73d0",
      "type": "Isolate",
      "requestor": "0006810a-4b24-40b7-862b-6e30a2ed88d4",
      "requestorComment": "Performed via SecureX Threat Response",
      "status": "Succeeded",
      "machineId": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0",
      "computerDnsName": "desktop-au3ip5k",
      "creationDateTimeUtc": "2020-08-07T22:53:48.9132635Z",
      "lastUpdateDateTimeUtc": "2020-08-07T22:54:16.2274839Z",
      "cancellationRequestor": null,
      "cancellationComment": null,
      "cancellationDateTimeUtc": null,
      "errorHResult": 0,
      "scope": "Selective",
      "externalId": null,
      "requestSource": "PublicApi",
      "relatedFileInfo": null,
      "commands": []
    }
  ]
};

export const HISTORY_MACHINE_ACTIONS_RESPONSE_RESTRICT_CODE_EXECUTION = {
  "@odata.context": "https://api.securitycenter.windows.com/api/$metadata#Collection(microsoft.windowsDefenderATP.api.MachineAction)",
  "value": [
    {
      "id": "398688d1-bc2c-4781-82e5-b4d71fa87dba",
      "type": "RestrictCodeExecution",
      "requestor": "0006810a-4b24-40b7-862b-6e30a2ed88d4",
      "requestorComment": "Performed via SecureX Threat Response",
      "status": "Succeeded",
      "machineId": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0",
      "computerDnsName": "desktop-au3ip5k",
      "creationDateTimeUtc": "2020-08-07T22:46:39.0589127Z",
      "lastUpdateDateTimeUtc": "2020-08-07T22:47:01.5436841Z",
      "cancellationRequestor": null,
      "cancellationComment": null,
      "cancellationDateTimeUtc": null,
      "errorHResult": 0,
      "scope": null,
      "externalId": null,
      "requestSource": "PublicApi",
      "relatedFileInfo": null,
      "commands": []
    }
  ]
};

export const EXPECTED_RESPONSE_RESPOND_TARGET = {
  "data": [
    {
      "categories": [
        "Microsoft Defender for Endpoint",
        "Machine Actions"
      ],
      "description": "Collect investigation package",
      "id": "microsoft-defender-CollectInvestigationPackage",
      "query-params": {
        "observable_type": "ms_machine_id",
        "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
      },
      "title": "Collect investigation package"
    },
    {
      "categories": [
        "Microsoft Defender for Endpoint",
        "Machine Actions"
      ],
      "description": "Isolate Device: Full",
      "id": "microsoft-defender-FullIsolation",
      "query-params": {
        "observable_type": "ms_machine_id",
        "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
      },
      "title": "Isolate Device: Full"
    },
    {
      "categories": [
        "Microsoft Defender for Endpoint",
        "Machine Actions"
      ],
      "description": "Initiate automated investigation",
      "id": "microsoft-defender-InitiateInvestigation",
      "query-params": {
        "observable_type": "ms_machine_id",
        "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
      },
      "title": "Initiate automated investigation"
    },
    {
      "categories": [
        "Microsoft Defender for Endpoint",
        "Machine Actions"
      ],
      "description": "Restrict app execution",
      "id": "microsoft-defender-RestrictCodeExecution",
      "query-params": {
        "observable_type": "ms_machine_id",
        "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
      },
      "title": "Restrict app execution"
    },
    {
      "categories": [
        "Microsoft Defender for Endpoint",
        "Machine Actions"
      ],
      "description": "Run antivirus scan: Full",
      "id": "microsoft-defender-RunAntiVirusScanFull",
      "query-params": {
        "observable_type": "ms_machine_id",
        "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
      },
      "title": "Run antivirus scan: Full"
    },
    {
      "categories": [
        "Microsoft Defender for Endpoint",
        "Machine Actions"
      ],
      "description": "Run antivirus scan: Quick",
      "id": "microsoft-defender-RunAntiVirusScanQuick",
      "query-params": {
        "observable_type": "ms_machine_id",
        "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
      },
      "title": "Run antivirus scan: Quick"
    },
    {
      "categories": [
        "Microsoft Defender for Endpoint",
        "Machine Actions"
      ],
      "description": "Isolate Device: Selective",
      "id": "microsoft-defender-SelectiveIsolation",
      "query-params": {
        "observable_type": "ms_machine_id",
        "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
      },
      "title": "Isolate Device: Selective"
    }
  ]
};

export const RAW_RESPONSE_TRIGGER_OBSERVABLE = {
  "@odata.context": "https://api.securitycenter.windows.com/api/v1.0/$metadata#Indicators/$entity",
  "id": "13",
  "indicatorValue": "asdf.com",
  "indicatorType": "DomainName",
  "action": "Alert",
  "createdBy": "0006810a-4b24-40b7-862b-6e30a2ed88d4",
  "source": "Defender for Endpoint Relay API",
  "sourceType": "AadApp",
  "severity": "High",
  "category": 1,
  "application": null,
  "educateUrl": null,
  "bypassDurationHours": null,
  "title": "From SecureX Threat Response",
  "description": "This indicator was added via SecureX Threat Response by the UI or API response actions",
  "recommendedActions": null,
  "creationTimeDateTimeUtc": "2020-07-13T16:49:50.290203Z",
  "expirationTime": null,
  "lastUpdateTime": "2020-07-13T16:49:50.290203Z",
  "lastUpdatedBy": null,
  "rbacGroupNames": [],
  "rbacGroupIds": [],
  "notificationId": null,
  "notificationBody": null,
  "version": null,
  "mitreTechniques": [],
  "historicalDetection": false,
  "lookBackPeriod": null,
  "generateAlert": true,
  "additionalInfo": null,
  "createdByDisplayName": "Defender for Endpoint Relay API",
  "createdBySource": "PublicApi",
  "certificateInfo": null
};

// Written inline in tests/unit/api/test_enrich.py (test_enrich_call_success).

export const FOR_TARGET_RESPONSE = {
  "osPlatform": "Windows10",
  "osProcessor": "x64",
  "lastIpAddress": "172.17.230.209"
};

export const NETWORKS_INTERFACE = {
  "Results": [
    {
      "MacAddress": "00224843C030",
      "IPAddresses": "[{\"IPAddress\":\"10.1.1.68\",\"SubnetPrefix\":26,\"AddressType\":\"Private\"},{\"IPAddress\":\"fe80::6d25:8926:20c3:49ea\",\"SubnetPrefix\":64,\"AddressType\":\"Private\"}] "
    }
  ]
};

export const EXP_TARGET_OBSERVABLES = [
  {
    "type": "hostname",
    "value": "desktop-au3ip5k"
  },
  {
    "type": "ms_machine_id",
    "value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
  },
  {
    "type": "mac_address",
    "value": "00224843C030"
  },
  {
    "type": "ip",
    "value": "10.1.1.68"
  },
  {
    "type": "ipv6",
    "value": "fe80::6d25:8926:20c3:49ea"
  },
  {
    "type": "ms_machine_id",
    "value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
  }
];

// Written inline in tests/unit/api/test_refer.py (test_refer_observables_success).

export const REFER_OBSERVABLES = [
  {
    "type": "sha1",
    "value": "0d549631690ea297c25b2a4e133cacb8a87b97c6"
  },
  {
    "type": "domain",
    "value": "asdf.com"
  },
  {
    "type": "ip",
    "value": "1.1.1.1"
  }
];

export const REFER_EXPECTED = {
  "data": [
    {
      "categories": [
        "Search",
        "Microsoft Defender for Endpoint"
      ],
      "description": "Lookup this SHA1 on Microsoft Defender for Endpoint",
      "id": "ref-md-search-sha1-0d549631690ea297c25b2a4e133cacb8a87b97c6",
      "title": "Search for this SHA1",
      "url": "https://securitycenter.windows.com/files/0d549631690ea297c25b2a4e133cacb8a87b97c6"
    },
    {
      "categories": [
        "Search",
        "Microsoft Defender for Endpoint"
      ],
      "description": "Lookup this Domain on Microsoft Defender for Endpoint",
      "id": "ref-md-search-domain-asdf.com",
      "title": "Search for this Domain",
      "url": "https://securitycenter.windows.com/urls/asdf.com"
    },
    {
      "categories": [
        "Search",
        "Microsoft Defender for Endpoint"
      ],
      "description": "Lookup this IP on Microsoft Defender for Endpoint",
      "id": "ref-md-search-ip-1.1.1.1",
      "title": "Search for this IP",
      "url": "https://securitycenter.windows.com/ips/1.1.1.1"
    }
  ]
};

// Written inline in tests/unit/api/test_respond_observables.py.

export const RESPOND_UNISOLATE = {
  "categories": [
    "Microsoft Defender for Endpoint",
    "Machine Actions"
  ],
  "description": "Release from isolation",
  "id": "microsoft-defender-Unisolate",
  "query-params": {
    "observable_type": "ms_machine_id",
    "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
  },
  "title": "Release from isolation"
};

export const RESPOND_UNRESTRICT = {
  "categories": [
    "Microsoft Defender for Endpoint",
    "Machine Actions"
  ],
  "description": "Remove app restrictions",
  "id": "microsoft-defender-UnrestrictCodeExecution",
  "query-params": {
    "observable_type": "ms_machine_id",
    "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
  },
  "title": "Remove app restrictions"
};

export const RESPOND_FAILURE = {
  "errors": [
    {
      "code": "invalid request",
      "message": "Invalid request to Microsoft Defender for Endpoint.",
      "type": "fatal"
    }
  ]
};

// Written inline in tests/unit/api/test_respond_trigger.py.

export const TRIGGER_UNSUPPORTED_ACTION = {
  "data": {
    "status": "failure"
  },
  "errors": [
    {
      "code": "invalid request",
      "message": "Invalid request to Microsoft Defender for Endpoint. Unsupported action.",
      "type": "fatal"
    }
  ]
};

export const TRIGGER_BAD_REQUEST = {
  "data": {
    "status": "failure"
  },
  "errors": [
    {
      "code": "invalid request",
      "message": "Invalid request to Microsoft Defender for Endpoint. It is a bad request",
      "type": "fatal"
    }
  ]
};

/** What Cisco's relay answered, and asked Microsoft's API, in each scenario (see above). */
export interface Scenario {
  readonly name: string;
  readonly path: string;
  readonly body: unknown;
  /** Microsoft's answers: the name of one of ROUTES. */
  readonly routes: string;
  /** What the relay asked, in order, with the body it sent (null for none). */
  readonly calls: readonly (readonly [string, unknown])[];
  readonly answer: unknown;
}

/** Microsoft's answers, `[status, body]`, by `METHOD /path?decoded-query` (a hunting query after the path). */
export const ROUTES: Readonly<Record<string, Readonly<Record<string, readonly [number, unknown]>>>> = {
 "enrich": {
  "GET /tenant-id-1/oauth2/token": [200, {"token_type": "Bearer", "expires_in": "3599", "access_token": "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.c2ln"}],
  "GET /api/v1.0/files/36c5d12033b2eaf251bae61c00690ffb17fddc87/alerts": [200, RAW_RESPONSE_MOCK],
  "POST /api/v1.0/advancedqueries/run DeviceFileEvents | where SHA1 == '36c5d12033b2eaf251bae61c00690ffb17fddc87' | join kind=leftouter (DeviceNetworkInfo | summarize (LastTimestamp)=arg_max(Timestamp, ReportId) by DeviceId, NetworkAdapterType, MacAddress, DeviceName, IPAddresses) on DeviceId | limit 99": [200, AH_RESPONSE],
  "GET /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0": [200, {"osPlatform": "Windows10", "osProcessor": "x64", "lastIpAddress": "172.17.230.209"}],
  "POST /api/v1.0/advancedqueries/run DeviceNetworkInfo | where DeviceId == 'ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0' | summarize (LastTimestamp)=arg_max(Timestamp, ReportId) by DeviceId, NetworkAdapterType, MacAddress, DeviceName, IPAddresses": [200, {"Results": [{"MacAddress": "00224843C030", "IPAddresses": "[{\"IPAddress\":\"10.1.1.68\",\"SubnetPrefix\":26,\"AddressType\":\"Private\"},{\"IPAddress\":\"fe80::6d25:8926:20c3:49ea\",\"SubnetPrefix\":64,\"AddressType\":\"Private\"}] "}]}],
  "GET /api/v1.0/files/36c5d12033b2eaf251bae61c00690ffb17fddc87": [200, {"@odata.context": "https://api.securitycenter.windows.com/api/v1.0/$metadata#Files/$entity", "sha1": "0d549631690ea297c25b2a4e133cacb8a87b97c6", "sha256": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d", "md5": "50188823168525455c273c07d8457b87", "globalPrevalence": 15, "globalFirstObserved": "2017-03-16T12:02:32.4527362Z", "globalLastObserved": "2020-06-17T06:54:07.852862Z", "size": 2843585, "fileType": null, "isPeFile": false, "filePublisher": null, "fileProductName": null, "signer": null, "issuer": null, "signerHash": null, "isValidCertificate": null, "determinationType": "Unknown", "determinationValue": ""}],
  "GET /api/v1.0/files/c401cd335ba6a3bdaf8799fdc09cdc0721f06015": [200, {"@odata.context": "https://api.securitycenter.windows.com/api/v1.0/$metadata#Files/$entity", "sha1": "ecb05717e416d965255387f4edc196889aa12c67", "sha256": "ee7174ee353e7d29ce17d29d66411b3623c39d9dec3f439e35af47a7e7a7c895", "md5": "0e954887fc791f668ce388f89bc3d6c6", "globalPrevalence": 960835, "globalFirstObserved": "2019-03-20T20:18:55.4327667Z", "globalLastObserved": "2020-06-18T11:01:12.3779721Z", "size": 94720, "fileType": null, "isPeFile": true, "filePublisher": null, "fileProductName": null, "signer": "Microsoft Windows", "issuer": "Microsoft Windows Production PCA 2011", "signerHash": "84ec67b9ac9d7789bab500503a7862173f432adb", "isValidCertificate": true, "determinationType": "Unknown", "determinationValue": ""}],
  "GET /api/v1.0/files/0d549631690ea297c25b2a4e133cacb8a87b97c6": [200, {"@odata.context": "https://api.securitycenter.windows.com/api/v1.0/$metadata#Files/$entity", "sha1": "0d549631690ea297c25b2a4e133cacb8a87b97c6", "sha256": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d", "md5": "50188823168525455c273c07d8457b87", "globalPrevalence": 15, "globalFirstObserved": "2017-03-16T12:02:32.4527362Z", "globalLastObserved": "2020-06-17T06:54:07.852862Z", "size": 2843585, "fileType": null, "isPeFile": false, "filePublisher": null, "fileProductName": null, "signer": null, "issuer": null, "signerHash": null, "isValidCertificate": null, "determinationType": "Unknown", "determinationValue": ""}],
  "GET /api/v1.0/files/ecb05717e416d965255387f4edc196889aa12c67": [200, {"@odata.context": "https://api.securitycenter.windows.com/api/v1.0/$metadata#Files/$entity", "sha1": "ecb05717e416d965255387f4edc196889aa12c67", "sha256": "ee7174ee353e7d29ce17d29d66411b3623c39d9dec3f439e35af47a7e7a7c895", "md5": "0e954887fc791f668ce388f89bc3d6c6", "globalPrevalence": 960835, "globalFirstObserved": "2019-03-20T20:18:55.4327667Z", "globalLastObserved": "2020-06-18T11:01:12.3779721Z", "size": 94720, "fileType": null, "isPeFile": true, "filePublisher": null, "fileProductName": null, "signer": "Microsoft Windows", "issuer": "Microsoft Windows Production PCA 2011", "signerHash": "84ec67b9ac9d7789bab500503a7862173f432adb", "isValidCertificate": true, "determinationType": "Unknown", "determinationValue": ""}],
 },
 "network": {
  "GET /tenant-id-1/oauth2/token": [200, {"token_type": "Bearer", "expires_in": "3599", "access_token": "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.c2ln"}],
  "GET /api/v1.0/ips/203.0.113.9/alerts": [200, {"value": [{"id": "da6372_low", "incidentId": 9, "investigationId": 7, "assignedTo": null, "severity": "Informational", "status": "New", "classification": null, "determination": null, "investigationState": "PendingApproval", "detectionSource": "CustomDetection", "category": "DefenseEvasion", "threatFamilyName": null, "title": "Older", "description": "A description.", "alertCreationTime": "2020-05-02T00:00:00Z", "firstEventTime": "2020-06-01T09:59:00Z", "lastEventTime": "2020-04-23T21:45:29.7876586Z", "lastUpdateTime": "2020-06-02T01:00:00Z", "resolvedTime": null, "machineId": "4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe", "computerDnsName": "desktop-7q2", "aadTenantId": "50920398-8d61-4533-a89f-da28c22f8add", "relatedUser": {"userName": "Serhii", "domainName": "DESKTOP-AU3IP5K"}, "comments": [], "evidence": []}, {"id": "da6372_ip", "incidentId": 9, "investigationId": 7, "assignedTo": null, "severity": "High", "status": "New", "classification": null, "determination": null, "investigationState": "PendingApproval", "detectionSource": "CustomDetection", "category": "DefenseEvasion", "threatFamilyName": null, "title": "Connection to a C2", "description": "A description.", "alertCreationTime": "2020-06-02T00:00:00Z", "firstEventTime": "2020-06-01T09:59:00Z", "lastEventTime": "2020-04-23T21:45:29.7876586Z", "lastUpdateTime": "2020-06-02T01:00:00Z", "resolvedTime": null, "machineId": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0", "computerDnsName": null, "aadTenantId": "50920398-8d61-4533-a89f-da28c22f8add", "relatedUser": {"userName": "Serhii", "domainName": "DESKTOP-AU3IP5K"}, "comments": [], "evidence": [{"entityType": "Url", "sha1": null, "sha256": null, "fileName": null, "filePath": null, "processId": null, "processCommandLine": null, "processCreationTime": null, "parentProcessId": null, "parentProcessCreationTime": null, "ipAddress": null, "url": "https://evil.example/gate.php", "accountName": null, "domainName": null, "userSid": null, "aadUserId": null, "userPrincipalName": null}, {"entityType": "Ip", "sha1": null, "sha256": null, "fileName": null, "filePath": null, "processId": null, "processCommandLine": null, "processCreationTime": null, "parentProcessId": null, "parentProcessCreationTime": null, "ipAddress": "203.0.113.9", "url": null, "accountName": null, "domainName": null, "userSid": null, "aadUserId": null, "userPrincipalName": null}, {"entityType": "File", "sha1": null, "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "fileName": "payload.dll", "filePath": null, "processId": 1, "processCommandLine": null, "processCreationTime": null, "parentProcessId": null, "parentProcessCreationTime": null, "ipAddress": null, "url": null, "accountName": null, "domainName": null, "userSid": null, "aadUserId": null, "userPrincipalName": null, "FileOriginUrl": "https://cdn.example/p.dll", "FileOriginReferrerUrl": "https://mail.example/"}, {"entityType": "Process", "sha1": "aaaa1111bbbb2222cccc3333dddd4444eeee5555", "sha256": "bbbb", "fileName": "rundll32.exe", "filePath": "C:\\Windows", "processId": 2, "processCommandLine": null, "processCreationTime": null, "parentProcessId": 1, "parentProcessCreationTime": null, "ipAddress": null, "url": null, "accountName": null, "domainName": null, "userSid": null, "aadUserId": null, "userPrincipalName": null, "md5": "cccc"}]}]}],
  "POST /api/v1.0/advancedqueries/run DeviceNetworkEvents | where RemoteIP == '203.0.113.9' | join kind=leftouter (DeviceNetworkInfo | summarize (LastTimestamp)=arg_max(Timestamp, ReportId) by DeviceId, NetworkAdapterType, MacAddress, DeviceName, IPAddresses) on DeviceId | limit 98": [200, {"Results": [{"Timestamp": "2020-05-01T10:00:00Z", "DeviceId": "4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe", "DeviceName": "desktop-7q2", "ActionType": "", "RemoteIP": "203.0.113.9", "RemoteUrl": "evil.example", "LocalIP": "", "InitiatingProcessSHA1": "", "InitiatingProcessSHA256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "InitiatingProcessMD5": "", "InitiatingProcessFileName": "", "InitiatingProcessParentFileName": "explorer.exe", "InitiatingProcessFolderPath": "", "MacAddress": "00224843C031", "IPAddresses": "[{\"IPAddress\": \"10.1.1.70\"}, {\"IPAddress\": \"fe80::1\"}, {\"IPAddress\": \"link\"}]"}, {"Timestamp": "2020-06-01T10:00:00.1234567Z", "DeviceId": "4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe", "DeviceName": "desktop-7q2", "ActionType": "ConnectionSuccess", "RemoteIP": "203.0.113.9", "RemoteUrl": "https://evil.example/gate.php", "LocalIP": "10.1.1.70", "InitiatingProcessSHA1": "aaaa1111bbbb2222cccc3333dddd4444eeee5555", "InitiatingProcessSHA256": "", "InitiatingProcessMD5": "", "InitiatingProcessFileName": "rundll32.exe", "InitiatingProcessParentFileName": "explorer.exe", "InitiatingProcessFolderPath": "c:\\windows\\system32\\rundll32.exe", "MacAddress": "00224843C031", "IPAddresses": "[{\"IPAddress\": \"10.1.1.70\"}, {\"IPAddress\": \"fe80::1\"}, {\"IPAddress\": \"link\"}]"}]}],
  "GET /api/v1.0/machines/4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe": [200, {"osPlatform": "Windows11", "version": "22H2"}],
  "POST /api/v1.0/advancedqueries/run DeviceNetworkInfo | where DeviceId == '4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe' | summarize (LastTimestamp)=arg_max(Timestamp, ReportId) by DeviceId, NetworkAdapterType, MacAddress, DeviceName, IPAddresses": [200, {"Results": []}],
  "GET /api/v1.0/files/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08": [200, {"sha1": "1111", "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "md5": "2222"}],
  "GET /api/v1.0/files/aaaa1111bbbb2222cccc3333dddd4444eeee5555": [200, {"sha1": "aaaa1111bbbb2222cccc3333dddd4444eeee5555", "sha256": null, "md5": "dddd"}],
 },
 "files": {
  "GET /tenant-id-1/oauth2/token": [200, {"token_type": "Bearer", "expires_in": "3599", "access_token": "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.c2ln"}],
  "GET /api/v1.0/files/50188823168525455c273c07d8457b87": [200, {"@odata.context": "https://api.securitycenter.windows.com/api/v1.0/$metadata#Files/$entity", "sha1": "0d549631690ea297c25b2a4e133cacb8a87b97c6", "sha256": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d", "md5": "50188823168525455c273c07d8457b87", "globalPrevalence": 15, "globalFirstObserved": "2017-03-16T12:02:32.4527362Z", "globalLastObserved": "2020-06-17T06:54:07.852862Z", "size": 2843585, "fileType": null, "isPeFile": false, "filePublisher": null, "fileProductName": null, "signer": null, "issuer": null, "signerHash": null, "isValidCertificate": null, "determinationType": "Unknown", "determinationValue": ""}],
  "GET /api/v1.0/files/0d549631690ea297c25b2a4e133cacb8a87b97c6/alerts": [200, {"value": []}],
  "POST /api/v1.0/advancedqueries/run DeviceFileEvents | where MD5 == '50188823168525455c273c07d8457b87' | join kind=leftouter (DeviceNetworkInfo | summarize (LastTimestamp)=arg_max(Timestamp, ReportId) by DeviceId, NetworkAdapterType, MacAddress, DeviceName, IPAddresses) on DeviceId | limit 100": [200, {"Results": [{"Timestamp": "2020-05-28T07:06:58.4340352Z", "DeviceId": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0", "DeviceName": "desktop-au3ip5k", "ActionType": "FileRenamed", "FileName": "Ransomware.Rex[1].zip", "FolderPath": "C:\\Users\\Serhii\\AppData\\Local\\Packages\\Microsoft.MicrosoftEdge_8wekyb3d8bbwe\\AC\\#!001\\MicrosoftEdge\\Cache\\HCRKS966\\Ransomware.Rex[1].zip", "SHA1": "", "SHA256": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d", "MD5": "", "FileOriginUrl": "https://cdn.example/r.zip", "FileOriginReferrerUrl": "https://mail.example/", "FileOriginIP": "", "FileSize": 2843585, "InitiatingProcessAccountDomain": "desktop-au3ip5k", "InitiatingProcessAccountName": "serhii", "InitiatingProcessAccountSid": "S-1-5-21-2782702779-1769723919-1938768942-1001", "InitiatingProcessAccountUpn": "", "InitiatingProcessAccountObjectId": "", "InitiatingProcessMD5": "", "InitiatingProcessSHA1": "", "InitiatingProcessSHA256": "ee7174ee353e7d29ce17d29d66411b3623c39d9dec3f439e35af47a7e7a7c895", "InitiatingProcessFolderPath": "c:\\windows\\system32\\microsoftedgecp.exe", "InitiatingProcessFileName": "MicrosoftEdgeCP.exe", "InitiatingProcessId": 5788, "InitiatingProcessCommandLine": "\"MicrosoftEdgeCP.exe\" -ServerName:Windows.Internal.WebRuntime.ContentProcessServer", "InitiatingProcessCreationTime": "2020-05-28T06:49:10.9330787Z", "InitiatingProcessIntegrityLevel": "Low", "InitiatingProcessTokenElevation": "TokenElevationTypeLimited", "InitiatingProcessParentId": 804, "InitiatingProcessParentFileName": "", "InitiatingProcessParentCreationTime": "2020-05-25T17:12:09.5929805Z", "RequestProtocol": "Local", "ShareName": "", "RequestSourceIP": "", "RequestSourcePort": null, "RequestAccountName": "Serhii", "RequestAccountDomain": "DESKTOP-AU3IP5K", "RequestAccountSid": "S-1-5-21-2782702779-1769723919-1938768942-1001", "SensitivityLabel": "", "SensitivitySubLabel": "", "IsAzureInfoProtectionApplied": null, "ReportId": 14689, "AppGuardContainerId": "", "MacAddress": "00224843C030", "IPAddresses": "[{\"IPAddress\": \"10.1.1.68\", \"SubnetPrefix\": 26, \"AddressType\": \"Private\"}, {\"IPAddress\": \"fe80::6d25:8926:20c3:49ea\", \"SubnetPrefix\": 64, \"AddressType\": \"Private\"}]", "PreviousFileName": "invoice.pdf"}]}],
  "GET /api/v1.0/files/32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d": [200, {"@odata.context": "https://api.securitycenter.windows.com/api/v1.0/$metadata#Files/$entity", "sha1": "0d549631690ea297c25b2a4e133cacb8a87b97c6", "sha256": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d", "md5": "50188823168525455c273c07d8457b87", "globalPrevalence": 15, "globalFirstObserved": "2017-03-16T12:02:32.4527362Z", "globalLastObserved": "2020-06-17T06:54:07.852862Z", "size": 2843585, "fileType": null, "isPeFile": false, "filePublisher": null, "fileProductName": null, "signer": null, "issuer": null, "signerHash": null, "isValidCertificate": null, "determinationType": "Unknown", "determinationValue": ""}],
  "GET /api/v1.0/files/ee7174ee353e7d29ce17d29d66411b3623c39d9dec3f439e35af47a7e7a7c895": [200, {"@odata.context": "https://api.securitycenter.windows.com/api/v1.0/$metadata#Files/$entity", "sha1": "ecb05717e416d965255387f4edc196889aa12c67", "sha256": "ee7174ee353e7d29ce17d29d66411b3623c39d9dec3f439e35af47a7e7a7c895", "md5": "0e954887fc791f668ce388f89bc3d6c6", "globalPrevalence": 960835, "globalFirstObserved": "2019-03-20T20:18:55.4327667Z", "globalLastObserved": "2020-06-18T11:01:12.3779721Z", "size": 94720, "fileType": null, "isPeFile": true, "filePublisher": null, "fileProductName": null, "signer": "Microsoft Windows", "issuer": "Microsoft Windows Production PCA 2011", "signerHash": "84ec67b9ac9d7789bab500503a7862173f432adb", "isValidCertificate": true, "determinationType": "Unknown", "determinationValue": ""}],
  "GET /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0": [200, {"osPlatform": "Windows10", "osProcessor": "x64", "lastIpAddress": "172.17.230.209"}],
  "GET /api/v1.0/ips/192.0.2.1/alerts": [404, {"error": {"code": "ResourceNotFound"}}],
  "POST /api/v1.0/advancedqueries/run DeviceNetworkEvents | where RemoteIP == '192.0.2.1' | join kind=leftouter (DeviceNetworkInfo | summarize (LastTimestamp)=arg_max(Timestamp, ReportId) by DeviceId, NetworkAdapterType, MacAddress, DeviceName, IPAddresses) on DeviceId | limit 100": [200, {"Results": []}],
 },
 "limit": {
  "GET /tenant-id-1/oauth2/token": [200, {"token_type": "Bearer", "expires_in": "3599", "access_token": "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.c2ln"}],
  "GET /api/v1.0/ips/203.0.113.9/alerts": [200, {"value": [{"id": "da6372_low", "incidentId": 9, "investigationId": 7, "assignedTo": null, "severity": "Informational", "status": "New", "classification": null, "determination": null, "investigationState": "PendingApproval", "detectionSource": "CustomDetection", "category": "DefenseEvasion", "threatFamilyName": null, "title": "Older", "description": "A description.", "alertCreationTime": "2020-05-02T00:00:00Z", "firstEventTime": "2020-06-01T09:59:00Z", "lastEventTime": "2020-04-23T21:45:29.7876586Z", "lastUpdateTime": "2020-06-02T01:00:00Z", "resolvedTime": null, "machineId": "4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe", "computerDnsName": "desktop-7q2", "aadTenantId": "50920398-8d61-4533-a89f-da28c22f8add", "relatedUser": {"userName": "Serhii", "domainName": "DESKTOP-AU3IP5K"}, "comments": [], "evidence": []}, {"id": "da6372_ip", "incidentId": 9, "investigationId": 7, "assignedTo": null, "severity": "High", "status": "New", "classification": null, "determination": null, "investigationState": "PendingApproval", "detectionSource": "CustomDetection", "category": "DefenseEvasion", "threatFamilyName": null, "title": "Connection to a C2", "description": "A description.", "alertCreationTime": "2020-06-02T00:00:00Z", "firstEventTime": "2020-06-01T09:59:00Z", "lastEventTime": "2020-04-23T21:45:29.7876586Z", "lastUpdateTime": "2020-06-02T01:00:00Z", "resolvedTime": null, "machineId": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0", "computerDnsName": null, "aadTenantId": "50920398-8d61-4533-a89f-da28c22f8add", "relatedUser": {"userName": "Serhii", "domainName": "DESKTOP-AU3IP5K"}, "comments": [], "evidence": [{"entityType": "Url", "sha1": null, "sha256": null, "fileName": null, "filePath": null, "processId": null, "processCommandLine": null, "processCreationTime": null, "parentProcessId": null, "parentProcessCreationTime": null, "ipAddress": null, "url": "https://evil.example/gate.php", "accountName": null, "domainName": null, "userSid": null, "aadUserId": null, "userPrincipalName": null}, {"entityType": "Ip", "sha1": null, "sha256": null, "fileName": null, "filePath": null, "processId": null, "processCommandLine": null, "processCreationTime": null, "parentProcessId": null, "parentProcessCreationTime": null, "ipAddress": "203.0.113.9", "url": null, "accountName": null, "domainName": null, "userSid": null, "aadUserId": null, "userPrincipalName": null}, {"entityType": "File", "sha1": null, "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "fileName": "payload.dll", "filePath": null, "processId": 1, "processCommandLine": null, "processCreationTime": null, "parentProcessId": null, "parentProcessCreationTime": null, "ipAddress": null, "url": null, "accountName": null, "domainName": null, "userSid": null, "aadUserId": null, "userPrincipalName": null, "FileOriginUrl": "https://cdn.example/p.dll", "FileOriginReferrerUrl": "https://mail.example/"}, {"entityType": "Process", "sha1": "aaaa1111bbbb2222cccc3333dddd4444eeee5555", "sha256": "bbbb", "fileName": "rundll32.exe", "filePath": "C:\\Windows", "processId": 2, "processCommandLine": null, "processCreationTime": null, "parentProcessId": 1, "parentProcessCreationTime": null, "ipAddress": null, "url": null, "accountName": null, "domainName": null, "userSid": null, "aadUserId": null, "userPrincipalName": null, "md5": "cccc"}]}]}],
  "POST /api/v1.0/advancedqueries/run DeviceNetworkEvents | where RemoteIP == '203.0.113.9' | join kind=leftouter (DeviceNetworkInfo | summarize (LastTimestamp)=arg_max(Timestamp, ReportId) by DeviceId, NetworkAdapterType, MacAddress, DeviceName, IPAddresses) on DeviceId | limit 98": [200, {"Results": [{"Timestamp": "2020-05-01T10:00:00Z", "DeviceId": "4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe", "DeviceName": "desktop-7q2", "ActionType": "", "RemoteIP": "203.0.113.9", "RemoteUrl": "evil.example", "LocalIP": "", "InitiatingProcessSHA1": "", "InitiatingProcessSHA256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "InitiatingProcessMD5": "", "InitiatingProcessFileName": "", "InitiatingProcessParentFileName": "explorer.exe", "InitiatingProcessFolderPath": "", "MacAddress": "00224843C031", "IPAddresses": "[{\"IPAddress\": \"10.1.1.70\"}, {\"IPAddress\": \"fe80::1\"}, {\"IPAddress\": \"link\"}]"}, {"Timestamp": "2020-06-01T10:00:00.1234567Z", "DeviceId": "4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe", "DeviceName": "desktop-7q2", "ActionType": "ConnectionSuccess", "RemoteIP": "203.0.113.9", "RemoteUrl": "https://evil.example/gate.php", "LocalIP": "10.1.1.70", "InitiatingProcessSHA1": "aaaa1111bbbb2222cccc3333dddd4444eeee5555", "InitiatingProcessSHA256": "", "InitiatingProcessMD5": "", "InitiatingProcessFileName": "rundll32.exe", "InitiatingProcessParentFileName": "explorer.exe", "InitiatingProcessFolderPath": "c:\\windows\\system32\\rundll32.exe", "MacAddress": "00224843C031", "IPAddresses": "[{\"IPAddress\": \"10.1.1.70\"}, {\"IPAddress\": \"fe80::1\"}, {\"IPAddress\": \"link\"}]"}]}],
  "GET /api/v1.0/machines/4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe": [200, {"osPlatform": "Windows11", "version": "22H2"}],
  "POST /api/v1.0/advancedqueries/run DeviceNetworkInfo | where DeviceId == '4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe' | summarize (LastTimestamp)=arg_max(Timestamp, ReportId) by DeviceId, NetworkAdapterType, MacAddress, DeviceName, IPAddresses": [200, {"Results": []}],
  "GET /api/v1.0/files/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08": [200, {"sha1": "1111", "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "md5": "2222"}],
  "GET /api/v1.0/files/aaaa1111bbbb2222cccc3333dddd4444eeee5555": [200, {"sha1": "aaaa1111bbbb2222cccc3333dddd4444eeee5555", "sha256": null, "md5": "dddd"}],
 },
 "respond": {
  "GET /tenant-id-1/oauth2/token": [200, {"token_type": "Bearer", "expires_in": "3599", "access_token": "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.c2ln"}],
  "GET /api/v1.0/indicators?$filter=indicatorValue eq 'asdf.com'&$top=1": [200, {"value": [{"id": "13", "indicatorValue": "asdf.com", "action": "AlertAndBlock", "title": "From SecureX Threat Response"}]}],
  "GET /api/v1.0/indicators?$filter=indicatorValue eq '50188823168525455c273c07d8457b87'&$top=1": [200, {"value": [{"id": "14", "indicatorValue": "asdf.com", "action": "Alert", "title": "Seen"}]}],
  "GET /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0/availableMachineActions": [200, AVAILABLE_MACHINE_ACTIONS_RESPONSE],
  "GET /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0/machineactions?$filter=type in ('Unisolate', 'Isolate') and status eq 'Succeeded'&$top=1": [200, {"@odata.context": "https://api.securitycenter.windows.com/api/$metadata#Collection(microsoft.windowsDefenderATP.api.MachineAction)", "value": [{"id": "b5903304-9bef-4197-8aa8-b82d2e1f73d0", "type": "Isolate", "requestor": "0006810a-4b24-40b7-862b-6e30a2ed88d4", "requestorComment": "Performed via SecureX Threat Response", "status": "Succeeded", "machineId": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0", "computerDnsName": "desktop-au3ip5k", "creationDateTimeUtc": "2020-08-07T22:53:48.9132635Z", "lastUpdateDateTimeUtc": "2020-08-07T22:54:16.2274839Z", "cancellationRequestor": null, "cancellationComment": null, "cancellationDateTimeUtc": null, "errorHResult": 0, "scope": "Selective", "externalId": null, "requestSource": "PublicApi", "relatedFileInfo": null, "commands": []}]}],
  "GET /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0/machineactions?$filter=type in ('UnrestrictCodeExecution', 'RestrictCodeExecution') and status eq 'Succeeded'&$top=1": [200, {"@odata.context": "https://api.securitycenter.windows.com/api/$metadata#Collection(microsoft.windowsDefenderATP.api.MachineAction)", "value": [{"id": "b5903304-9bef-4197-8aa8-b82d2e1f73d0", "type": "RestrictCodeExecution", "requestor": "0006810a-4b24-40b7-862b-6e30a2ed88d4", "requestorComment": "Performed via SecureX Threat Response", "status": "Succeeded", "machineId": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0", "computerDnsName": "desktop-au3ip5k", "creationDateTimeUtc": "2020-08-07T22:53:48.9132635Z", "lastUpdateDateTimeUtc": "2020-08-07T22:54:16.2274839Z", "cancellationRequestor": null, "cancellationComment": null, "cancellationDateTimeUtc": null, "errorHResult": 0, "scope": "Selective", "externalId": null, "requestSource": "PublicApi", "relatedFileInfo": null, "commands": []}]}],
  "GET /api/v1.0/machines/4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe/availableMachineActions": [200, {"value": [{"action": "FullIsolation", "isAvailable": true}, {"action": "SelectiveIsolation", "isAvailable": false}, {"action": "RestrictCodeExecution", "isAvailable": true}, {"action": "RunAntiVirusScan", "isAvailable": false}]}],
  "GET /api/v1.0/machines/4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe/machineactions?$filter=type in ('Unisolate', 'Isolate') and status eq 'Succeeded'&$top=1": [200, {"@odata.context": "https://api.securitycenter.windows.com/api/$metadata#Collection(microsoft.windowsDefenderATP.api.MachineAction)", "value": [{"id": "b5903304-9bef-4197-8aa8-b82d2e1f73d0", "type": "Unisolate", "requestor": "0006810a-4b24-40b7-862b-6e30a2ed88d4", "requestorComment": "Performed via SecureX Threat Response", "status": "Succeeded", "machineId": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0", "computerDnsName": "desktop-au3ip5k", "creationDateTimeUtc": "2020-08-07T22:53:48.9132635Z", "lastUpdateDateTimeUtc": "2020-08-07T22:54:16.2274839Z", "cancellationRequestor": null, "cancellationComment": null, "cancellationDateTimeUtc": null, "errorHResult": 0, "scope": "Selective", "externalId": null, "requestSource": "PublicApi", "relatedFileInfo": null, "commands": []}]}],
  "GET /api/v1.0/machines/4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe/machineactions?$filter=type in ('UnrestrictCodeExecution', 'RestrictCodeExecution') and status eq 'Succeeded'&$top=1": [200, {"value": []}],
 },
 "trigger": {
  "GET /tenant-id-1/oauth2/token": [200, {"token_type": "Bearer", "expires_in": "3599", "access_token": "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.c2ln"}],
  "POST /api/v1.0/indicators": [200, RAW_RESPONSE_TRIGGER_OBSERVABLE],
  "POST /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0/isolate": [201, {"id": "x"}],
  "POST /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0/unisolate": [201, {"id": "x"}],
  "POST /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0/restrictCodeExecution": [201, {"id": "x"}],
  "POST /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0/unrestrictCodeExecution": [201, {"id": "x"}],
  "POST /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0/runAntiVirusScan": [201, {"id": "x"}],
  "POST /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0/collectInvestigationPackage": [201, {"id": "x"}],
  "POST /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0/startInvestigation": [201, {"id": "x"}],
 },
};

export const SCENARIOS: readonly Scenario[] = [
 {
  "name": "enrich",
  "path": "/observe/observables",
  "body": [
   {
    "type": "sha1",
    "value": "36c5d12033b2eaf251bae61c00690ffb17fddc87"
   }
  ],
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "GET /api/v1.0/files/36c5d12033b2eaf251bae61c00690ffb17fddc87/alerts",
    null
   ],
   [
    "POST /api/v1.0/advancedqueries/run DeviceFileEvents | where SHA1 == '36c5d12033b2eaf251bae61c00690ffb17fddc87' | join kind=leftouter (DeviceNetworkInfo | summarize (LastTimestamp)=arg_max(Timestamp, ReportId) by DeviceId, NetworkAdapterType, MacAddress, DeviceName, IPAddresses) on DeviceId | limit 99",
    null
   ],
   [
    "GET /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0",
    null
   ],
   [
    "POST /api/v1.0/advancedqueries/run DeviceNetworkInfo | where DeviceId == 'ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0' | summarize (LastTimestamp)=arg_max(Timestamp, ReportId) by DeviceId, NetworkAdapterType, MacAddress, DeviceName, IPAddresses",
    null
   ],
   [
    "GET /api/v1.0/files/36c5d12033b2eaf251bae61c00690ffb17fddc87",
    null
   ],
   [
    "GET /api/v1.0/files/c401cd335ba6a3bdaf8799fdc09cdc0721f06015",
    null
   ],
   [
    "GET /api/v1.0/files/0d549631690ea297c25b2a4e133cacb8a87b97c6",
    null
   ],
   [
    "GET /api/v1.0/files/ecb05717e416d965255387f4edc196889aa12c67",
    null
   ]
  ],
  "answer": {
   "data": {
    "sightings": {
     "count": 2,
     "docs": [
      {
       "confidence": "High",
       "count": 2,
       "description": "A description.",
       "id": "transient-sighting:ef536c98-4e48-4892-bc77-3b24c6532a61",
       "internal": true,
       "observables": [
        {
         "type": "sha1",
         "value": "36c5d12033b2eaf251bae61c00690ffb17fddc87"
        }
       ],
       "observed_time": {
        "end_time": "2020-04-23T21:45:29.7876586Z",
        "start_time": "2020-04-23T21:45:29.7876586Z"
       },
       "relations": [
        {
         "origin": "WindowsDefenderAtp",
         "related": {
          "type": "sha1",
          "value": "36c5d12033b2eaf251bae61c00690ffb17fddc87"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "powershell.exe"
         }
        },
        {
         "origin": "WindowsDefenderAtp",
         "related": {
          "type": "sha1",
          "value": "36c5d12033b2eaf251bae61c00690ffb17fddc87"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "C:\\Windows\\System32\\WindowsPowerShell\\v1.0"
         }
        },
        {
         "origin": "WindowsDefenderAtp",
         "related": {
          "type": "sha256",
          "value": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "powershell.exe"
         }
        },
        {
         "origin": "WindowsDefenderAtp",
         "related": {
          "type": "sha256",
          "value": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "C:\\Windows\\System32\\WindowsPowerShell\\v1.0"
         }
        },
        {
         "origin": "WindowsDefenderAtp",
         "related": {
          "type": "md5",
          "value": "50188823168525455c273c07d8457b87"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "powershell.exe"
         }
        },
        {
         "origin": "WindowsDefenderAtp",
         "related": {
          "type": "md5",
          "value": "50188823168525455c273c07d8457b87"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "C:\\Windows\\System32\\WindowsPowerShell\\v1.0"
         }
        },
        {
         "origin": "WindowsDefenderAtp",
         "related": {
          "type": "sha1",
          "value": "c401cd335ba6a3bdaf8799fdc09cdc0721f06015"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "notepad.exe"
         }
        },
        {
         "origin": "WindowsDefenderAtp",
         "related": {
          "type": "sha1",
          "value": "c401cd335ba6a3bdaf8799fdc09cdc0721f06015"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "C:\\Windows\\System32"
         }
        },
        {
         "origin": "WindowsDefenderAtp",
         "related": {
          "type": "sha256",
          "value": "ee7174ee353e7d29ce17d29d66411b3623c39d9dec3f439e35af47a7e7a7c895"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "notepad.exe"
         }
        },
        {
         "origin": "WindowsDefenderAtp",
         "related": {
          "type": "sha256",
          "value": "ee7174ee353e7d29ce17d29d66411b3623c39d9dec3f439e35af47a7e7a7c895"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "C:\\Windows\\System32"
         }
        },
        {
         "origin": "WindowsDefenderAtp",
         "related": {
          "type": "md5",
          "value": "0e954887fc791f668ce388f89bc3d6c6"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "notepad.exe"
         }
        },
        {
         "origin": "WindowsDefenderAtp",
         "related": {
          "type": "md5",
          "value": "0e954887fc791f668ce388f89bc3d6c6"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "C:\\Windows\\System32"
         }
        },
        {
         "origin": "WindowsDefenderAtp",
         "related": {
          "type": "sha1",
          "value": "36c5d12033b2eaf251bae61c00690ffb17fddc87"
         },
         "relation": "Injected_Into",
         "source": {
          "type": "sha1",
          "value": "c401cd335ba6a3bdaf8799fdc09cdc0721f06015"
         }
        },
        {
         "origin": "WindowsDefenderAtp",
         "related": {
          "type": "sha256",
          "value": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d"
         },
         "relation": "Injected_Into",
         "source": {
          "type": "sha1",
          "value": "c401cd335ba6a3bdaf8799fdc09cdc0721f06015"
         }
        },
        {
         "origin": "WindowsDefenderAtp",
         "related": {
          "type": "sha1",
          "value": "36c5d12033b2eaf251bae61c00690ffb17fddc87"
         },
         "relation": "Injected_Into",
         "source": {
          "type": "sha256",
          "value": "ee7174ee353e7d29ce17d29d66411b3623c39d9dec3f439e35af47a7e7a7c895"
         }
        },
        {
         "origin": "WindowsDefenderAtp",
         "related": {
          "type": "sha256",
          "value": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d"
         },
         "relation": "Injected_Into",
         "source": {
          "type": "sha256",
          "value": "ee7174ee353e7d29ce17d29d66411b3623c39d9dec3f439e35af47a7e7a7c895"
         }
        }
       ],
       "schema_version": "1.0.17",
       "sensor": "endpoint",
       "severity": "Medium",
       "source": "Microsoft Defender for Endpoint",
       "source_uri": "https://securitycenter.windows.com/alerts/da637232753436918895_1129806926/details",
       "targets": [
        {
         "observables": [
          {
           "type": "hostname",
           "value": "desktop-au3ip5k"
          },
          {
           "type": "ms_machine_id",
           "value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
          },
          {
           "type": "mac_address",
           "value": "00224843C030"
          },
          {
           "type": "ip",
           "value": "10.1.1.68"
          },
          {
           "type": "ipv6",
           "value": "fe80::6d25:8926:20c3:49ea"
          }
         ],
         "observed_time": {
          "end_time": "2020-04-23T21:45:29.7876586Z",
          "start_time": "2020-04-23T21:45:29.7876586Z"
         },
         "os": "Windows10x64",
         "type": "endpoint"
        }
       ],
       "timestamp": "2020-04-23T22:49:12.4166667Z",
       "title": "Suspicious process injection observed",
       "type": "sighting"
      },
      {
       "confidence": "High",
       "count": 2,
       "data": {
        "columns": [
         {
          "name": "ActionType",
          "type": "string"
         }
        ],
        "rows": [
         [
          "FileCreated"
         ]
        ]
       },
       "id": "transient-sighting:46071f20-3af1-4abb-a341-af5d0e40451c",
       "internal": true,
       "observables": [
        {
         "type": "sha1",
         "value": "36c5d12033b2eaf251bae61c00690ffb17fddc87"
        }
       ],
       "observed_time": {
        "end_time": "2020-05-28T07:06:58.4340352Z",
        "start_time": "2020-05-28T07:06:58.4340352Z"
       },
       "relations": [
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha1",
          "value": "0d549631690ea297c25b2a4e133cacb8a87b97c6"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "Ransomware.Rex[1].zip"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha1",
          "value": "0d549631690ea297c25b2a4e133cacb8a87b97c6"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "C:\\Users\\Serhii\\AppData\\Local\\Packages\\Microsoft.MicrosoftEdge_8wekyb3d8bbwe\\AC\\#!001\\MicrosoftEdge\\Cache\\HCRKS966\\Ransomware.Rex[1].zip"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha256",
          "value": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "Ransomware.Rex[1].zip"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha256",
          "value": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "C:\\Users\\Serhii\\AppData\\Local\\Packages\\Microsoft.MicrosoftEdge_8wekyb3d8bbwe\\AC\\#!001\\MicrosoftEdge\\Cache\\HCRKS966\\Ransomware.Rex[1].zip"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "md5",
          "value": "50188823168525455c273c07d8457b87"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "Ransomware.Rex[1].zip"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "md5",
          "value": "50188823168525455c273c07d8457b87"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "C:\\Users\\Serhii\\AppData\\Local\\Packages\\Microsoft.MicrosoftEdge_8wekyb3d8bbwe\\AC\\#!001\\MicrosoftEdge\\Cache\\HCRKS966\\Ransomware.Rex[1].zip"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha1",
          "value": "ecb05717e416d965255387f4edc196889aa12c67"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "MicrosoftEdgeCP.exe"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha1",
          "value": "ecb05717e416d965255387f4edc196889aa12c67"
         },
         "relation": "Parent_Of",
         "source": {
          "type": "file_name",
          "value": "svchost.exe"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha1",
          "value": "ecb05717e416d965255387f4edc196889aa12c67"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "c:\\windows\\system32\\microsoftedgecp.exe"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha256",
          "value": "ee7174ee353e7d29ce17d29d66411b3623c39d9dec3f439e35af47a7e7a7c895"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "MicrosoftEdgeCP.exe"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha256",
          "value": "ee7174ee353e7d29ce17d29d66411b3623c39d9dec3f439e35af47a7e7a7c895"
         },
         "relation": "Parent_Of",
         "source": {
          "type": "file_name",
          "value": "svchost.exe"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha256",
          "value": "ee7174ee353e7d29ce17d29d66411b3623c39d9dec3f439e35af47a7e7a7c895"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "c:\\windows\\system32\\microsoftedgecp.exe"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "md5",
          "value": "0e954887fc791f668ce388f89bc3d6c6"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "MicrosoftEdgeCP.exe"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "md5",
          "value": "0e954887fc791f668ce388f89bc3d6c6"
         },
         "relation": "Parent_Of",
         "source": {
          "type": "file_name",
          "value": "svchost.exe"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "md5",
          "value": "0e954887fc791f668ce388f89bc3d6c6"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "c:\\windows\\system32\\microsoftedgecp.exe"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha1",
          "value": "ecb05717e416d965255387f4edc196889aa12c67"
         },
         "relation": "Parent_Of",
         "source": {
          "type": "sha1",
          "value": "0d549631690ea297c25b2a4e133cacb8a87b97c6"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha256",
          "value": "ee7174ee353e7d29ce17d29d66411b3623c39d9dec3f439e35af47a7e7a7c895"
         },
         "relation": "Parent_Of",
         "source": {
          "type": "sha1",
          "value": "0d549631690ea297c25b2a4e133cacb8a87b97c6"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "md5",
          "value": "0e954887fc791f668ce388f89bc3d6c6"
         },
         "relation": "Parent_Of",
         "source": {
          "type": "sha1",
          "value": "0d549631690ea297c25b2a4e133cacb8a87b97c6"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha1",
          "value": "ecb05717e416d965255387f4edc196889aa12c67"
         },
         "relation": "Parent_Of",
         "source": {
          "type": "sha256",
          "value": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha256",
          "value": "ee7174ee353e7d29ce17d29d66411b3623c39d9dec3f439e35af47a7e7a7c895"
         },
         "relation": "Parent_Of",
         "source": {
          "type": "sha256",
          "value": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "md5",
          "value": "0e954887fc791f668ce388f89bc3d6c6"
         },
         "relation": "Parent_Of",
         "source": {
          "type": "sha256",
          "value": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha1",
          "value": "ecb05717e416d965255387f4edc196889aa12c67"
         },
         "relation": "Parent_Of",
         "source": {
          "type": "md5",
          "value": "50188823168525455c273c07d8457b87"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha256",
          "value": "ee7174ee353e7d29ce17d29d66411b3623c39d9dec3f439e35af47a7e7a7c895"
         },
         "relation": "Parent_Of",
         "source": {
          "type": "md5",
          "value": "50188823168525455c273c07d8457b87"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "md5",
          "value": "0e954887fc791f668ce388f89bc3d6c6"
         },
         "relation": "Parent_Of",
         "source": {
          "type": "md5",
          "value": "50188823168525455c273c07d8457b87"
         }
        }
       ],
       "schema_version": "1.0.17",
       "sensor": "endpoint",
       "source": "Microsoft Defender for Endpoint",
       "targets": [
        {
         "observables": [
          {
           "type": "hostname",
           "value": "desktop-au3ip5k"
          },
          {
           "type": "ms_machine_id",
           "value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
          },
          {
           "type": "mac_address",
           "value": "00224843C030"
          },
          {
           "type": "ip",
           "value": "10.1.1.68"
          },
          {
           "type": "ipv6",
           "value": "fe80::6d25:8926:20c3:49ea"
          }
         ],
         "observed_time": {
          "end_time": "2020-05-28T07:06:58.4340352Z",
          "start_time": "2020-05-28T07:06:58.4340352Z"
         },
         "os": "Windows10x64",
         "type": "endpoint"
        }
       ],
       "type": "sighting"
      }
     ]
    }
   }
  },
  "routes": "enrich"
 },
 {
  "name": "network",
  "path": "/observe/observables",
  "body": [
   {
    "type": "ip",
    "value": "203.0.113.9"
   },
   {
    "type": "ms_machine_id",
    "value": "4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe"
   }
  ],
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "GET /api/v1.0/ips/203.0.113.9/alerts",
    null
   ],
   [
    "POST /api/v1.0/advancedqueries/run DeviceNetworkEvents | where RemoteIP == '203.0.113.9' | join kind=leftouter (DeviceNetworkInfo | summarize (LastTimestamp)=arg_max(Timestamp, ReportId) by DeviceId, NetworkAdapterType, MacAddress, DeviceName, IPAddresses) on DeviceId | limit 98",
    null
   ],
   [
    "GET /api/v1.0/files/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    null
   ],
   [
    "GET /api/v1.0/machines/4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe",
    null
   ],
   [
    "POST /api/v1.0/advancedqueries/run DeviceNetworkInfo | where DeviceId == '4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe' | summarize (LastTimestamp)=arg_max(Timestamp, ReportId) by DeviceId, NetworkAdapterType, MacAddress, DeviceName, IPAddresses",
    null
   ],
   [
    "GET /api/v1.0/files/aaaa1111bbbb2222cccc3333dddd4444eeee5555",
    null
   ]
  ],
  "answer": {
   "data": {
    "sightings": {
     "count": 4,
     "docs": [
      {
       "confidence": "High",
       "count": 4,
       "description": "A description.",
       "id": "transient-sighting:659e932a-902a-4227-959b-94ab9a2b5cea",
       "internal": true,
       "observables": [
        {
         "type": "ip",
         "value": "203.0.113.9"
        }
       ],
       "observed_time": {
        "end_time": "2020-06-01T09:59:00Z",
        "start_time": "2020-06-01T09:59:00Z"
       },
       "relations": [
        {
         "origin": "CustomDetection",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Resolved_To",
         "source": {
          "type": "url",
          "value": "https://evil.example/gate.php"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha1",
          "value": "1111"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "payload.dll"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha1",
          "value": "1111"
         },
         "relation": "Downloaded_From",
         "source": {
          "type": "url",
          "value": "https://cdn.example/p.dll"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "url",
          "value": "https://mail.example/"
         },
         "relation": "Refers_To",
         "source": {
          "type": "url",
          "value": "https://cdn.example/p.dll"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha256",
          "value": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "payload.dll"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha256",
          "value": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
         },
         "relation": "Downloaded_From",
         "source": {
          "type": "url",
          "value": "https://cdn.example/p.dll"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "url",
          "value": "https://mail.example/"
         },
         "relation": "Refers_To",
         "source": {
          "type": "url",
          "value": "https://cdn.example/p.dll"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "md5",
          "value": "2222"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "payload.dll"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "md5",
          "value": "2222"
         },
         "relation": "Downloaded_From",
         "source": {
          "type": "url",
          "value": "https://cdn.example/p.dll"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "url",
          "value": "https://mail.example/"
         },
         "relation": "Refers_To",
         "source": {
          "type": "url",
          "value": "https://cdn.example/p.dll"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Resolved_To",
         "source": {
          "type": "url",
          "value": "https://evil.example/gate.php"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "url",
          "value": "https://evil.example/gate.php"
         },
         "relation": "Connect_To",
         "source": {
          "type": "sha1",
          "value": "1111"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Connect_To",
         "source": {
          "type": "sha1",
          "value": "1111"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "url",
          "value": "https://evil.example/gate.php"
         },
         "relation": "Connect_To",
         "source": {
          "type": "sha256",
          "value": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Connect_To",
         "source": {
          "type": "sha256",
          "value": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "url",
          "value": "https://evil.example/gate.php"
         },
         "relation": "Connect_To",
         "source": {
          "type": "md5",
          "value": "2222"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Connect_To",
         "source": {
          "type": "md5",
          "value": "2222"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha1",
          "value": "aaaa1111bbbb2222cccc3333dddd4444eeee5555"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "rundll32.exe"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha1",
          "value": "aaaa1111bbbb2222cccc3333dddd4444eeee5555"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "C:\\Windows"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha256",
          "value": "bbbb"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "rundll32.exe"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha256",
          "value": "bbbb"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "C:\\Windows"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "md5",
          "value": "cccc"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "rundll32.exe"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "md5",
          "value": "cccc"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "C:\\Windows"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha1",
          "value": "1111"
         },
         "relation": "Injected_Into",
         "source": {
          "type": "sha1",
          "value": "aaaa1111bbbb2222cccc3333dddd4444eeee5555"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha256",
          "value": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
         },
         "relation": "Injected_Into",
         "source": {
          "type": "sha1",
          "value": "aaaa1111bbbb2222cccc3333dddd4444eeee5555"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha1",
          "value": "1111"
         },
         "relation": "Injected_Into",
         "source": {
          "type": "sha256",
          "value": "bbbb"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha256",
          "value": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
         },
         "relation": "Injected_Into",
         "source": {
          "type": "sha256",
          "value": "bbbb"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Resolved_To",
         "source": {
          "type": "url",
          "value": "https://evil.example/gate.php"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "url",
          "value": "https://evil.example/gate.php"
         },
         "relation": "Connect_To",
         "source": {
          "type": "sha1",
          "value": "aaaa1111bbbb2222cccc3333dddd4444eeee5555"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Connect_To",
         "source": {
          "type": "sha1",
          "value": "aaaa1111bbbb2222cccc3333dddd4444eeee5555"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "url",
          "value": "https://evil.example/gate.php"
         },
         "relation": "Connect_To",
         "source": {
          "type": "sha256",
          "value": "bbbb"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Connect_To",
         "source": {
          "type": "sha256",
          "value": "bbbb"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "url",
          "value": "https://evil.example/gate.php"
         },
         "relation": "Connect_To",
         "source": {
          "type": "md5",
          "value": "cccc"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Connect_To",
         "source": {
          "type": "md5",
          "value": "cccc"
         }
        }
       ],
       "schema_version": "1.0.17",
       "sensor": "endpoint",
       "severity": "High",
       "source": "Microsoft Defender for Endpoint",
       "source_uri": "https://securitycenter.windows.com/alerts/da6372_ip/details",
       "targets": [],
       "timestamp": "2020-06-02T01:00:00Z",
       "title": "Connection to a C2",
       "type": "sighting"
      },
      {
       "confidence": "High",
       "count": 4,
       "description": "A description.",
       "id": "transient-sighting:5527136f-37de-4c34-bb18-491342c93583",
       "internal": true,
       "observables": [
        {
         "type": "ip",
         "value": "203.0.113.9"
        }
       ],
       "observed_time": {
        "end_time": "2020-06-01T09:59:00Z",
        "start_time": "2020-06-01T09:59:00Z"
       },
       "relations": [],
       "schema_version": "1.0.17",
       "sensor": "endpoint",
       "severity": "Info",
       "source": "Microsoft Defender for Endpoint",
       "source_uri": "https://securitycenter.windows.com/alerts/da6372_low/details",
       "targets": [
        {
         "observables": [
          {
           "type": "hostname",
           "value": "desktop-7q2"
          },
          {
           "type": "ms_machine_id",
           "value": "4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe"
          }
         ],
         "observed_time": {
          "end_time": "2020-06-01T09:59:00Z",
          "start_time": "2020-06-01T09:59:00Z"
         },
         "os": "Windows11 version: 22H2",
         "type": "endpoint"
        }
       ],
       "timestamp": "2020-06-02T01:00:00Z",
       "title": "Older",
       "type": "sighting"
      },
      {
       "confidence": "High",
       "count": 4,
       "data": {
        "columns": [
         {
          "name": "ActionType",
          "type": "string"
         }
        ],
        "rows": [
         [
          "ConnectionSuccess"
         ]
        ]
       },
       "id": "transient-sighting:bddd4379-a059-49e5-a772-db23373e4650",
       "internal": true,
       "observables": [
        {
         "type": "ip",
         "value": "203.0.113.9"
        }
       ],
       "observed_time": {
        "end_time": "2020-06-01T10:00:00.1234567Z",
        "start_time": "2020-06-01T10:00:00.1234567Z"
       },
       "relations": [
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Resolved_To",
         "source": {
          "type": "url",
          "value": "https://evil.example/gate.php"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "ip",
          "value": "10.1.1.70"
         },
         "relation": "Connect_To",
         "source": {
          "type": "ip",
          "value": "203.0.113.9"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "url",
          "value": "https://evil.example/gate.php"
         },
         "relation": "Connect_To",
         "source": {
          "type": "sha1",
          "value": "aaaa1111bbbb2222cccc3333dddd4444eeee5555"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Connect_To",
         "source": {
          "type": "sha1",
          "value": "aaaa1111bbbb2222cccc3333dddd4444eeee5555"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha1",
          "value": "aaaa1111bbbb2222cccc3333dddd4444eeee5555"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "rundll32.exe"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha1",
          "value": "aaaa1111bbbb2222cccc3333dddd4444eeee5555"
         },
         "relation": "Parent_Of",
         "source": {
          "type": "file_name",
          "value": "explorer.exe"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha1",
          "value": "aaaa1111bbbb2222cccc3333dddd4444eeee5555"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "c:\\windows\\system32\\rundll32.exe"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "url",
          "value": "https://evil.example/gate.php"
         },
         "relation": "Connect_To",
         "source": {
          "type": "md5",
          "value": "dddd"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Connect_To",
         "source": {
          "type": "md5",
          "value": "dddd"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "md5",
          "value": "dddd"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "rundll32.exe"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "md5",
          "value": "dddd"
         },
         "relation": "Parent_Of",
         "source": {
          "type": "file_name",
          "value": "explorer.exe"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "md5",
          "value": "dddd"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "c:\\windows\\system32\\rundll32.exe"
         }
        }
       ],
       "schema_version": "1.0.17",
       "sensor": "endpoint",
       "source": "Microsoft Defender for Endpoint",
       "targets": [
        {
         "observables": [
          {
           "type": "hostname",
           "value": "desktop-7q2"
          },
          {
           "type": "ms_machine_id",
           "value": "4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe"
          },
          {
           "type": "mac_address",
           "value": "00224843C031"
          },
          {
           "type": "ip",
           "value": "10.1.1.70"
          },
          {
           "type": "ipv6",
           "value": "fe80::1"
          }
         ],
         "observed_time": {
          "end_time": "2020-06-01T10:00:00.1234567Z",
          "start_time": "2020-06-01T10:00:00.1234567Z"
         },
         "os": "Windows11 version: 22H2",
         "type": "endpoint"
        }
       ],
       "type": "sighting"
      },
      {
       "confidence": "High",
       "count": 4,
       "data": {
        "columns": [],
        "rows": []
       },
       "id": "transient-sighting:e7ddaab7-cfb8-4c83-aa61-66dd8e55110c",
       "internal": true,
       "observables": [
        {
         "type": "ip",
         "value": "203.0.113.9"
        }
       ],
       "observed_time": {
        "end_time": "2020-05-01T10:00:00Z",
        "start_time": "2020-05-01T10:00:00Z"
       },
       "relations": [
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Resolved_To",
         "source": {
          "type": "domain",
          "value": "evil.example"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "domain",
          "value": "evil.example"
         },
         "relation": "Connect_To",
         "source": {
          "type": "sha1",
          "value": "1111"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Connect_To",
         "source": {
          "type": "sha1",
          "value": "1111"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "domain",
          "value": "evil.example"
         },
         "relation": "Connect_To",
         "source": {
          "type": "sha256",
          "value": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Connect_To",
         "source": {
          "type": "sha256",
          "value": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "domain",
          "value": "evil.example"
         },
         "relation": "Connect_To",
         "source": {
          "type": "md5",
          "value": "2222"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Connect_To",
         "source": {
          "type": "md5",
          "value": "2222"
         }
        }
       ],
       "schema_version": "1.0.17",
       "sensor": "endpoint",
       "source": "Microsoft Defender for Endpoint",
       "targets": [
        {
         "observables": [
          {
           "type": "hostname",
           "value": "desktop-7q2"
          },
          {
           "type": "ms_machine_id",
           "value": "4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe"
          },
          {
           "type": "mac_address",
           "value": "00224843C031"
          },
          {
           "type": "ip",
           "value": "10.1.1.70"
          },
          {
           "type": "ipv6",
           "value": "fe80::1"
          }
         ],
         "observed_time": {
          "end_time": "2020-05-01T10:00:00Z",
          "start_time": "2020-05-01T10:00:00Z"
         },
         "os": "Windows11 version: 22H2",
         "type": "endpoint"
        }
       ],
       "type": "sighting"
      }
     ]
    }
   }
  },
  "routes": "network"
 },
 {
  "name": "files",
  "path": "/observe/observables",
  "body": [
   {
    "type": "md5",
    "value": "50188823168525455c273c07d8457b87"
   },
   {
    "type": "ip",
    "value": "192.0.2.1"
   }
  ],
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "GET /api/v1.0/files/50188823168525455c273c07d8457b87",
    null
   ],
   [
    "GET /api/v1.0/files/0d549631690ea297c25b2a4e133cacb8a87b97c6/alerts",
    null
   ],
   [
    "POST /api/v1.0/advancedqueries/run DeviceFileEvents | where MD5 == '50188823168525455c273c07d8457b87' | join kind=leftouter (DeviceNetworkInfo | summarize (LastTimestamp)=arg_max(Timestamp, ReportId) by DeviceId, NetworkAdapterType, MacAddress, DeviceName, IPAddresses) on DeviceId | limit 100",
    null
   ],
   [
    "GET /api/v1.0/files/32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d",
    null
   ],
   [
    "GET /api/v1.0/files/ee7174ee353e7d29ce17d29d66411b3623c39d9dec3f439e35af47a7e7a7c895",
    null
   ],
   [
    "GET /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0",
    null
   ],
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "GET /api/v1.0/ips/192.0.2.1/alerts",
    null
   ],
   [
    "POST /api/v1.0/advancedqueries/run DeviceNetworkEvents | where RemoteIP == '192.0.2.1' | join kind=leftouter (DeviceNetworkInfo | summarize (LastTimestamp)=arg_max(Timestamp, ReportId) by DeviceId, NetworkAdapterType, MacAddress, DeviceName, IPAddresses) on DeviceId | limit 100",
    null
   ]
  ],
  "answer": {
   "data": {
    "sightings": {
     "count": 1,
     "docs": [
      {
       "confidence": "High",
       "count": 1,
       "data": {
        "columns": [
         {
          "name": "ActionType",
          "type": "string"
         }
        ],
        "rows": [
         [
          "FileRenamed"
         ]
        ]
       },
       "id": "transient-sighting:62993de6-a0b0-449e-b5f9-1c6fa0b3a418",
       "internal": true,
       "observables": [
        {
         "type": "md5",
         "value": "50188823168525455c273c07d8457b87"
        }
       ],
       "observed_time": {
        "end_time": "2020-05-28T07:06:58.4340352Z",
        "start_time": "2020-05-28T07:06:58.4340352Z"
       },
       "relations": [
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha1",
          "value": "0d549631690ea297c25b2a4e133cacb8a87b97c6"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "Ransomware.Rex[1].zip"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha1",
          "value": "0d549631690ea297c25b2a4e133cacb8a87b97c6"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "C:\\Users\\Serhii\\AppData\\Local\\Packages\\Microsoft.MicrosoftEdge_8wekyb3d8bbwe\\AC\\#!001\\MicrosoftEdge\\Cache\\HCRKS966\\Ransomware.Rex[1].zip"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha1",
          "value": "0d549631690ea297c25b2a4e133cacb8a87b97c6"
         },
         "relation": "Downloaded_From",
         "source": {
          "type": "url",
          "value": "https://cdn.example/r.zip"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "url",
          "value": "https://mail.example/"
         },
         "relation": "Refers_To",
         "source": {
          "type": "url",
          "value": "https://cdn.example/r.zip"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha256",
          "value": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "Ransomware.Rex[1].zip"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha256",
          "value": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "C:\\Users\\Serhii\\AppData\\Local\\Packages\\Microsoft.MicrosoftEdge_8wekyb3d8bbwe\\AC\\#!001\\MicrosoftEdge\\Cache\\HCRKS966\\Ransomware.Rex[1].zip"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha256",
          "value": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d"
         },
         "relation": "Downloaded_From",
         "source": {
          "type": "url",
          "value": "https://cdn.example/r.zip"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "url",
          "value": "https://mail.example/"
         },
         "relation": "Refers_To",
         "source": {
          "type": "url",
          "value": "https://cdn.example/r.zip"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "md5",
          "value": "50188823168525455c273c07d8457b87"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "Ransomware.Rex[1].zip"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "md5",
          "value": "50188823168525455c273c07d8457b87"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "C:\\Users\\Serhii\\AppData\\Local\\Packages\\Microsoft.MicrosoftEdge_8wekyb3d8bbwe\\AC\\#!001\\MicrosoftEdge\\Cache\\HCRKS966\\Ransomware.Rex[1].zip"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "md5",
          "value": "50188823168525455c273c07d8457b87"
         },
         "relation": "Downloaded_From",
         "source": {
          "type": "url",
          "value": "https://cdn.example/r.zip"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "url",
          "value": "https://mail.example/"
         },
         "relation": "Refers_To",
         "source": {
          "type": "url",
          "value": "https://cdn.example/r.zip"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha1",
          "value": "ecb05717e416d965255387f4edc196889aa12c67"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "MicrosoftEdgeCP.exe"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha1",
          "value": "ecb05717e416d965255387f4edc196889aa12c67"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "c:\\windows\\system32\\microsoftedgecp.exe"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha256",
          "value": "ee7174ee353e7d29ce17d29d66411b3623c39d9dec3f439e35af47a7e7a7c895"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "MicrosoftEdgeCP.exe"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha256",
          "value": "ee7174ee353e7d29ce17d29d66411b3623c39d9dec3f439e35af47a7e7a7c895"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "c:\\windows\\system32\\microsoftedgecp.exe"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "md5",
          "value": "0e954887fc791f668ce388f89bc3d6c6"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "MicrosoftEdgeCP.exe"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "md5",
          "value": "0e954887fc791f668ce388f89bc3d6c6"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "c:\\windows\\system32\\microsoftedgecp.exe"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha1",
          "value": "ecb05717e416d965255387f4edc196889aa12c67"
         },
         "relation": "Parent_Of",
         "source": {
          "type": "sha1",
          "value": "0d549631690ea297c25b2a4e133cacb8a87b97c6"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha256",
          "value": "ee7174ee353e7d29ce17d29d66411b3623c39d9dec3f439e35af47a7e7a7c895"
         },
         "relation": "Parent_Of",
         "source": {
          "type": "sha1",
          "value": "0d549631690ea297c25b2a4e133cacb8a87b97c6"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "md5",
          "value": "0e954887fc791f668ce388f89bc3d6c6"
         },
         "relation": "Parent_Of",
         "source": {
          "type": "sha1",
          "value": "0d549631690ea297c25b2a4e133cacb8a87b97c6"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha1",
          "value": "ecb05717e416d965255387f4edc196889aa12c67"
         },
         "relation": "Parent_Of",
         "source": {
          "type": "sha256",
          "value": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha256",
          "value": "ee7174ee353e7d29ce17d29d66411b3623c39d9dec3f439e35af47a7e7a7c895"
         },
         "relation": "Parent_Of",
         "source": {
          "type": "sha256",
          "value": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "md5",
          "value": "0e954887fc791f668ce388f89bc3d6c6"
         },
         "relation": "Parent_Of",
         "source": {
          "type": "sha256",
          "value": "32856e998ff1a8b89e30c9658721595d403ff0eece70dc803a36d1939e429f8d"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha1",
          "value": "ecb05717e416d965255387f4edc196889aa12c67"
         },
         "relation": "Parent_Of",
         "source": {
          "type": "md5",
          "value": "50188823168525455c273c07d8457b87"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "sha256",
          "value": "ee7174ee353e7d29ce17d29d66411b3623c39d9dec3f439e35af47a7e7a7c895"
         },
         "relation": "Parent_Of",
         "source": {
          "type": "md5",
          "value": "50188823168525455c273c07d8457b87"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "md5",
          "value": "0e954887fc791f668ce388f89bc3d6c6"
         },
         "relation": "Parent_Of",
         "source": {
          "type": "md5",
          "value": "50188823168525455c273c07d8457b87"
         }
        },
        {
         "origin": "Microsoft Defender for Endpoint",
         "related": {
          "type": "file_name",
          "value": "Ransomware.Rex[1].zip"
         },
         "relation": "Renamed_To",
         "source": {
          "type": "file_name",
          "value": "invoice.pdf"
         }
        }
       ],
       "schema_version": "1.0.17",
       "sensor": "endpoint",
       "source": "Microsoft Defender for Endpoint",
       "targets": [
        {
         "observables": [
          {
           "type": "hostname",
           "value": "desktop-au3ip5k"
          },
          {
           "type": "ms_machine_id",
           "value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
          },
          {
           "type": "mac_address",
           "value": "00224843C030"
          },
          {
           "type": "ip",
           "value": "10.1.1.68"
          },
          {
           "type": "ipv6",
           "value": "fe80::6d25:8926:20c3:49ea"
          }
         ],
         "observed_time": {
          "end_time": "2020-05-28T07:06:58.4340352Z",
          "start_time": "2020-05-28T07:06:58.4340352Z"
         },
         "os": "Windows10x64",
         "type": "endpoint"
        }
       ],
       "type": "sighting"
      }
     ]
    }
   }
  },
  "routes": "files"
 },
 {
  "name": "limit",
  "path": "/observe/observables",
  "body": [
   {
    "type": "ip",
    "value": "203.0.113.9"
   }
  ],
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "GET /api/v1.0/ips/203.0.113.9/alerts",
    null
   ],
   [
    "GET /api/v1.0/files/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    null
   ]
  ],
  "answer": {
   "data": {
    "sightings": {
     "count": 1,
     "docs": [
      {
       "confidence": "High",
       "count": 2,
       "description": "A description.",
       "id": "transient-sighting:b8d4f4c0-31cc-43db-980b-a77bc730085a",
       "internal": true,
       "observables": [
        {
         "type": "ip",
         "value": "203.0.113.9"
        }
       ],
       "observed_time": {
        "end_time": "2020-06-01T09:59:00Z",
        "start_time": "2020-06-01T09:59:00Z"
       },
       "relations": [
        {
         "origin": "CustomDetection",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Resolved_To",
         "source": {
          "type": "url",
          "value": "https://evil.example/gate.php"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha1",
          "value": "1111"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "payload.dll"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha1",
          "value": "1111"
         },
         "relation": "Downloaded_From",
         "source": {
          "type": "url",
          "value": "https://cdn.example/p.dll"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "url",
          "value": "https://mail.example/"
         },
         "relation": "Refers_To",
         "source": {
          "type": "url",
          "value": "https://cdn.example/p.dll"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha256",
          "value": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "payload.dll"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha256",
          "value": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
         },
         "relation": "Downloaded_From",
         "source": {
          "type": "url",
          "value": "https://cdn.example/p.dll"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "url",
          "value": "https://mail.example/"
         },
         "relation": "Refers_To",
         "source": {
          "type": "url",
          "value": "https://cdn.example/p.dll"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "md5",
          "value": "2222"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "payload.dll"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "md5",
          "value": "2222"
         },
         "relation": "Downloaded_From",
         "source": {
          "type": "url",
          "value": "https://cdn.example/p.dll"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "url",
          "value": "https://mail.example/"
         },
         "relation": "Refers_To",
         "source": {
          "type": "url",
          "value": "https://cdn.example/p.dll"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Resolved_To",
         "source": {
          "type": "url",
          "value": "https://evil.example/gate.php"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "url",
          "value": "https://evil.example/gate.php"
         },
         "relation": "Connect_To",
         "source": {
          "type": "sha1",
          "value": "1111"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Connect_To",
         "source": {
          "type": "sha1",
          "value": "1111"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "url",
          "value": "https://evil.example/gate.php"
         },
         "relation": "Connect_To",
         "source": {
          "type": "sha256",
          "value": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Connect_To",
         "source": {
          "type": "sha256",
          "value": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "url",
          "value": "https://evil.example/gate.php"
         },
         "relation": "Connect_To",
         "source": {
          "type": "md5",
          "value": "2222"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Connect_To",
         "source": {
          "type": "md5",
          "value": "2222"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha1",
          "value": "aaaa1111bbbb2222cccc3333dddd4444eeee5555"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "rundll32.exe"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha1",
          "value": "aaaa1111bbbb2222cccc3333dddd4444eeee5555"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "C:\\Windows"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha256",
          "value": "bbbb"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "rundll32.exe"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha256",
          "value": "bbbb"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "C:\\Windows"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "md5",
          "value": "cccc"
         },
         "relation": "File_Name_Of",
         "source": {
          "type": "file_name",
          "value": "rundll32.exe"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "md5",
          "value": "cccc"
         },
         "relation": "File_Path_Of",
         "source": {
          "type": "file_path",
          "value": "C:\\Windows"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha1",
          "value": "1111"
         },
         "relation": "Injected_Into",
         "source": {
          "type": "sha1",
          "value": "aaaa1111bbbb2222cccc3333dddd4444eeee5555"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha256",
          "value": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
         },
         "relation": "Injected_Into",
         "source": {
          "type": "sha1",
          "value": "aaaa1111bbbb2222cccc3333dddd4444eeee5555"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha1",
          "value": "1111"
         },
         "relation": "Injected_Into",
         "source": {
          "type": "sha256",
          "value": "bbbb"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "sha256",
          "value": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
         },
         "relation": "Injected_Into",
         "source": {
          "type": "sha256",
          "value": "bbbb"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Resolved_To",
         "source": {
          "type": "url",
          "value": "https://evil.example/gate.php"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "url",
          "value": "https://evil.example/gate.php"
         },
         "relation": "Connect_To",
         "source": {
          "type": "sha1",
          "value": "aaaa1111bbbb2222cccc3333dddd4444eeee5555"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Connect_To",
         "source": {
          "type": "sha1",
          "value": "aaaa1111bbbb2222cccc3333dddd4444eeee5555"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "url",
          "value": "https://evil.example/gate.php"
         },
         "relation": "Connect_To",
         "source": {
          "type": "sha256",
          "value": "bbbb"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Connect_To",
         "source": {
          "type": "sha256",
          "value": "bbbb"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "url",
          "value": "https://evil.example/gate.php"
         },
         "relation": "Connect_To",
         "source": {
          "type": "md5",
          "value": "cccc"
         }
        },
        {
         "origin": "CustomDetection",
         "related": {
          "type": "ip",
          "value": "203.0.113.9"
         },
         "relation": "Connect_To",
         "source": {
          "type": "md5",
          "value": "cccc"
         }
        }
       ],
       "schema_version": "1.0.17",
       "sensor": "endpoint",
       "severity": "High",
       "source": "Microsoft Defender for Endpoint",
       "source_uri": "https://securitycenter.windows.com/alerts/da6372_ip/details",
       "targets": [],
       "timestamp": "2020-06-02T01:00:00Z",
       "title": "Connection to a C2",
       "type": "sighting"
      }
     ]
    }
   }
  },
  "routes": "limit"
 },
 {
  "name": "respond",
  "path": "/respond/observables",
  "body": [
   {
    "type": "domain",
    "value": "asdf.com"
   },
   {
    "type": "md5",
    "value": "50188823168525455c273c07d8457b87"
   },
   {
    "type": "ms_machine_id",
    "value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
   },
   {
    "type": "ms_machine_id",
    "value": "4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe"
   },
   {
    "type": "ip",
    "value": "192.0.2.1"
   }
  ],
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "GET /api/v1.0/indicators?$filter=indicatorValue eq 'asdf.com'&$top=1",
    null
   ],
   [
    "GET /api/v1.0/indicators?$filter=indicatorValue eq '50188823168525455c273c07d8457b87'&$top=1",
    null
   ],
   [
    "GET /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0/availableMachineActions",
    null
   ],
   [
    "GET /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0/machineactions?$filter=type in ('Unisolate', 'Isolate') and status eq 'Succeeded'&$top=1",
    null
   ],
   [
    "GET /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0/machineactions?$filter=type in ('UnrestrictCodeExecution', 'RestrictCodeExecution') and status eq 'Succeeded'&$top=1",
    null
   ],
   [
    "GET /api/v1.0/machines/4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe/availableMachineActions",
    null
   ],
   [
    "GET /api/v1.0/machines/4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe/machineactions?$filter=type in ('Unisolate', 'Isolate') and status eq 'Succeeded'&$top=1",
    null
   ],
   [
    "GET /api/v1.0/machines/4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe/machineactions?$filter=type in ('UnrestrictCodeExecution', 'RestrictCodeExecution') and status eq 'Succeeded'&$top=1",
    null
   ],
   [
    "GET /api/v1.0/indicators?$filter=indicatorValue eq '192.0.2.1'&$top=1",
    null
   ]
  ],
  "answer": {
   "data": [
    {
     "categories": [
      "Microsoft Defender for Endpoint",
      "Remove Indicator"
     ],
     "description": "Remove indicator with Alert and Block action for asdf.com",
     "id": "microsoft-defender-remove-indicator",
     "query-params": {
      "indicator_id": "13",
      "observable_type": "domain",
      "observable_value": "asdf.com"
     },
     "title": "Remove indicator: Alert and Block - From SecureX Threat Response"
    },
    {
     "categories": [
      "Microsoft Defender for Endpoint",
      "Remove Indicator"
     ],
     "description": "Remove indicator with Alert action for 50188823168525455c273c07d8457b87",
     "id": "microsoft-defender-remove-indicator",
     "query-params": {
      "indicator_id": "14",
      "observable_type": "md5",
      "observable_value": "50188823168525455c273c07d8457b87"
     },
     "title": "Remove indicator: Alert - Seen"
    },
    {
     "categories": [
      "Microsoft Defender for Endpoint",
      "Machine Actions"
     ],
     "description": "Collect investigation package",
     "id": "microsoft-defender-CollectInvestigationPackage",
     "query-params": {
      "observable_type": "ms_machine_id",
      "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
     },
     "title": "Collect investigation package"
    },
    {
     "categories": [
      "Microsoft Defender for Endpoint",
      "Machine Actions"
     ],
     "description": "Initiate automated investigation",
     "id": "microsoft-defender-InitiateInvestigation",
     "query-params": {
      "observable_type": "ms_machine_id",
      "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
     },
     "title": "Initiate automated investigation"
    },
    {
     "categories": [
      "Microsoft Defender for Endpoint",
      "Machine Actions"
     ],
     "description": "Run antivirus scan: Full",
     "id": "microsoft-defender-RunAntiVirusScanFull",
     "query-params": {
      "observable_type": "ms_machine_id",
      "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
     },
     "title": "Run antivirus scan: Full"
    },
    {
     "categories": [
      "Microsoft Defender for Endpoint",
      "Machine Actions"
     ],
     "description": "Run antivirus scan: Quick",
     "id": "microsoft-defender-RunAntiVirusScanQuick",
     "query-params": {
      "observable_type": "ms_machine_id",
      "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
     },
     "title": "Run antivirus scan: Quick"
    },
    {
     "categories": [
      "Microsoft Defender for Endpoint",
      "Machine Actions"
     ],
     "description": "Release from isolation",
     "id": "microsoft-defender-Unisolate",
     "query-params": {
      "observable_type": "ms_machine_id",
      "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
     },
     "title": "Release from isolation"
    },
    {
     "categories": [
      "Microsoft Defender for Endpoint",
      "Machine Actions"
     ],
     "description": "Remove app restrictions",
     "id": "microsoft-defender-UnrestrictCodeExecution",
     "query-params": {
      "observable_type": "ms_machine_id",
      "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
     },
     "title": "Remove app restrictions"
    },
    {
     "categories": [
      "Microsoft Defender for Endpoint",
      "Machine Actions"
     ],
     "description": "Isolate Device: Full",
     "id": "microsoft-defender-FullIsolation",
     "query-params": {
      "observable_type": "ms_machine_id",
      "observable_value": "4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe"
     },
     "title": "Isolate Device: Full"
    },
    {
     "categories": [
      "Microsoft Defender for Endpoint",
      "Machine Actions"
     ],
     "description": "Restrict app execution",
     "id": "microsoft-defender-RestrictCodeExecution",
     "query-params": {
      "observable_type": "ms_machine_id",
      "observable_value": "4b1d2f0ac4aa2ab0b4342c9cd078a6dfb6c66cafe"
     },
     "title": "Restrict app execution"
    },
    {
     "categories": [
      "Microsoft Defender for Endpoint",
      "Add Indicator"
     ],
     "description": "Add indicator with Alert action for 192.0.2.1",
     "id": "microsoft-defender-add-indicator-alert",
     "query-params": {
      "observable_type": "ip",
      "observable_value": "192.0.2.1"
     },
     "title": "Add indicator: Alert"
    },
    {
     "categories": [
      "Microsoft Defender for Endpoint",
      "Add Indicator"
     ],
     "description": "Add indicator with Alert and Block action for 192.0.2.1",
     "id": "microsoft-defender-add-indicator-alert-and-block",
     "query-params": {
      "observable_type": "ip",
      "observable_value": "192.0.2.1"
     },
     "title": "Add indicator: Alert and Block"
    },
    {
     "categories": [
      "Microsoft Defender for Endpoint",
      "Add Indicator"
     ],
     "description": "Add indicator with Allow action for 192.0.2.1",
     "id": "microsoft-defender-add-indicator-allowed",
     "query-params": {
      "observable_type": "ip",
      "observable_value": "192.0.2.1"
     },
     "title": "Add indicator: Allow"
    }
   ]
  },
  "routes": "respond"
 },
 {
  "name": "trigger FullIsolation",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-FullIsolation",
   "observable_type": "ms_machine_id",
   "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0/isolate",
    {
     "Comment": "Performed via SecureX Threat Response",
     "IsolationType": "Full"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 },
 {
  "name": "trigger SelectiveIsolation",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-SelectiveIsolation",
   "observable_type": "ms_machine_id",
   "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0/isolate",
    {
     "Comment": "Performed via SecureX Threat Response",
     "IsolationType": "Selective"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 },
 {
  "name": "trigger Unisolate",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-Unisolate",
   "observable_type": "ms_machine_id",
   "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0/unisolate",
    {
     "Comment": "Performed via SecureX Threat Response"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 },
 {
  "name": "trigger RestrictCodeExecution",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-RestrictCodeExecution",
   "observable_type": "ms_machine_id",
   "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0/restrictCodeExecution",
    {
     "Comment": "Performed via SecureX Threat Response"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 },
 {
  "name": "trigger UnrestrictCodeExecution",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-UnrestrictCodeExecution",
   "observable_type": "ms_machine_id",
   "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0/unrestrictCodeExecution",
    {
     "Comment": "Performed via SecureX Threat Response"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 },
 {
  "name": "trigger RunAntiVirusScanQuick",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-RunAntiVirusScanQuick",
   "observable_type": "ms_machine_id",
   "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0/runAntiVirusScan",
    {
     "Comment": "Performed via SecureX Threat Response",
     "ScanType": "Quick"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 },
 {
  "name": "trigger RunAntiVirusScanFull",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-RunAntiVirusScanFull",
   "observable_type": "ms_machine_id",
   "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0/runAntiVirusScan",
    {
     "Comment": "Performed via SecureX Threat Response",
     "ScanType": "Full"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 },
 {
  "name": "trigger CollectInvestigationPackage",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-CollectInvestigationPackage",
   "observable_type": "ms_machine_id",
   "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0/collectInvestigationPackage",
    {
     "Comment": "Performed via SecureX Threat Response"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 },
 {
  "name": "trigger InitiateInvestigation",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-InitiateInvestigation",
   "observable_type": "ms_machine_id",
   "observable_value": "ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/machines/ebfef0ac4aa2ab0b4342c9cd078a6dfb6c66adc0/startInvestigation",
    {
     "Comment": "Performed via SecureX Threat Response"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 },
 {
  "name": "trigger add-indicator-alert domain",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-add-indicator-alert",
   "observable_type": "domain",
   "observable_value": "asdf.com"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/indicators",
    {
     "indicatorValue": "asdf.com",
     "indicatorType": "DomainName",
     "action": "Alert",
     "title": "From SecureX Threat Response",
     "description": "This indicator was added via SecureX Threat Response by the UI or API response actions",
     "severity": "High"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 },
 {
  "name": "trigger add-indicator-alert-and-block domain",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-add-indicator-alert-and-block",
   "observable_type": "domain",
   "observable_value": "asdf.com"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/indicators",
    {
     "indicatorValue": "asdf.com",
     "indicatorType": "DomainName",
     "action": "AlertAndBlock",
     "title": "From SecureX Threat Response",
     "description": "This indicator was added via SecureX Threat Response by the UI or API response actions",
     "severity": "High"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 },
 {
  "name": "trigger add-indicator-allowed domain",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-add-indicator-allowed",
   "observable_type": "domain",
   "observable_value": "asdf.com"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/indicators",
    {
     "indicatorValue": "asdf.com",
     "indicatorType": "DomainName",
     "action": "Allowed",
     "title": "From SecureX Threat Response",
     "description": "This indicator was added via SecureX Threat Response by the UI or API response actions"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 },
 {
  "name": "trigger add-indicator-alert ip",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-add-indicator-alert",
   "observable_type": "ip",
   "observable_value": "192.0.2.1"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/indicators",
    {
     "indicatorValue": "192.0.2.1",
     "indicatorType": "IpAddress",
     "action": "Alert",
     "title": "From SecureX Threat Response",
     "description": "This indicator was added via SecureX Threat Response by the UI or API response actions",
     "severity": "High"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 },
 {
  "name": "trigger add-indicator-alert-and-block ip",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-add-indicator-alert-and-block",
   "observable_type": "ip",
   "observable_value": "192.0.2.1"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/indicators",
    {
     "indicatorValue": "192.0.2.1",
     "indicatorType": "IpAddress",
     "action": "AlertAndBlock",
     "title": "From SecureX Threat Response",
     "description": "This indicator was added via SecureX Threat Response by the UI or API response actions",
     "severity": "High"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 },
 {
  "name": "trigger add-indicator-allowed ip",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-add-indicator-allowed",
   "observable_type": "ip",
   "observable_value": "192.0.2.1"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/indicators",
    {
     "indicatorValue": "192.0.2.1",
     "indicatorType": "IpAddress",
     "action": "Allowed",
     "title": "From SecureX Threat Response",
     "description": "This indicator was added via SecureX Threat Response by the UI or API response actions"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 },
 {
  "name": "trigger add-indicator-alert ipv6",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-add-indicator-alert",
   "observable_type": "ipv6",
   "observable_value": "2001:db8::1"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/indicators",
    {
     "indicatorValue": "2001:db8::1",
     "indicatorType": "IpAddress",
     "action": "Alert",
     "title": "From SecureX Threat Response",
     "description": "This indicator was added via SecureX Threat Response by the UI or API response actions",
     "severity": "High"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 },
 {
  "name": "trigger add-indicator-alert-and-block ipv6",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-add-indicator-alert-and-block",
   "observable_type": "ipv6",
   "observable_value": "2001:db8::1"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/indicators",
    {
     "indicatorValue": "2001:db8::1",
     "indicatorType": "IpAddress",
     "action": "AlertAndBlock",
     "title": "From SecureX Threat Response",
     "description": "This indicator was added via SecureX Threat Response by the UI or API response actions",
     "severity": "High"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 },
 {
  "name": "trigger add-indicator-allowed ipv6",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-add-indicator-allowed",
   "observable_type": "ipv6",
   "observable_value": "2001:db8::1"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/indicators",
    {
     "indicatorValue": "2001:db8::1",
     "indicatorType": "IpAddress",
     "action": "Allowed",
     "title": "From SecureX Threat Response",
     "description": "This indicator was added via SecureX Threat Response by the UI or API response actions"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 },
 {
  "name": "trigger add-indicator-alert sha1",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-add-indicator-alert",
   "observable_type": "sha1",
   "observable_value": "36c5d12033b2eaf251bae61c00690ffb17fddc87"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/indicators",
    {
     "indicatorValue": "36c5d12033b2eaf251bae61c00690ffb17fddc87",
     "indicatorType": "FileSha1",
     "action": "Alert",
     "title": "From SecureX Threat Response",
     "description": "This indicator was added via SecureX Threat Response by the UI or API response actions",
     "severity": "High"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 },
 {
  "name": "trigger add-indicator-alert-and-block sha1",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-add-indicator-alert-and-block",
   "observable_type": "sha1",
   "observable_value": "36c5d12033b2eaf251bae61c00690ffb17fddc87"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/indicators",
    {
     "indicatorValue": "36c5d12033b2eaf251bae61c00690ffb17fddc87",
     "indicatorType": "FileSha1",
     "action": "AlertAndBlock",
     "title": "From SecureX Threat Response",
     "description": "This indicator was added via SecureX Threat Response by the UI or API response actions",
     "severity": "High"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 },
 {
  "name": "trigger add-indicator-allowed sha1",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-add-indicator-allowed",
   "observable_type": "sha1",
   "observable_value": "36c5d12033b2eaf251bae61c00690ffb17fddc87"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/indicators",
    {
     "indicatorValue": "36c5d12033b2eaf251bae61c00690ffb17fddc87",
     "indicatorType": "FileSha1",
     "action": "Allowed",
     "title": "From SecureX Threat Response",
     "description": "This indicator was added via SecureX Threat Response by the UI or API response actions"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 },
 {
  "name": "trigger add-indicator-alert sha256",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-add-indicator-alert",
   "observable_type": "sha256",
   "observable_value": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/indicators",
    {
     "indicatorValue": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
     "indicatorType": "FileSha256",
     "action": "Alert",
     "title": "From SecureX Threat Response",
     "description": "This indicator was added via SecureX Threat Response by the UI or API response actions",
     "severity": "High"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 },
 {
  "name": "trigger add-indicator-alert-and-block sha256",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-add-indicator-alert-and-block",
   "observable_type": "sha256",
   "observable_value": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/indicators",
    {
     "indicatorValue": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
     "indicatorType": "FileSha256",
     "action": "AlertAndBlock",
     "title": "From SecureX Threat Response",
     "description": "This indicator was added via SecureX Threat Response by the UI or API response actions",
     "severity": "High"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 },
 {
  "name": "trigger add-indicator-allowed sha256",
  "path": "/respond/trigger",
  "body": {
   "action-id": "microsoft-defender-add-indicator-allowed",
   "observable_type": "sha256",
   "observable_value": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
  },
  "calls": [
   [
    "GET /tenant-id-1/oauth2/token",
    null
   ],
   [
    "POST /api/v1.0/indicators",
    {
     "indicatorValue": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
     "indicatorType": "FileSha256",
     "action": "Allowed",
     "title": "From SecureX Threat Response",
     "description": "This indicator was added via SecureX Threat Response by the UI or API response actions"
    }
   ]
  ],
  "answer": {
   "data": {
    "status": "success"
   }
  },
  "routes": "trigger"
 }
];
