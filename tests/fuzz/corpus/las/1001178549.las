# 03/04/1999 13:21:59 Updated by the Kansas Geological Survey
# #KGS#ID: 30S39W/1001178549
# Additions:   1001178549.add
# New: UWI  .              15-187-20743: Unique Well Id
# New: PM   .                         6: Principal Meridian
# Old: STAT .                    KANSAS: STATE
# New: STAT .                    Kansas: State
# New: SECT .                        28: Section
# New: TOWN .                       30S: Township
# New: RANG .                       39W: Range
# Old: WELL .          COLLINGWOOD 1-28: WELL NAME
# New: WELL .                      1-28: Well Name
# New: LEAS .               COLLINGWOOD: Lease Name
#
# 02/24/1999 15:12:43 Updated by the Kansas Geological Survey
# #KGS#INPUT_FILE: /home/crude2_3/WellLogs/Guy/100-Amoco/disc09/18720743.las.las
~Version : LASO    vs 4.1 - DATA COPYRIGHT - RILEYS DATASHARE INTERNATIONAL
 VERS .                       2.0: CWLS Log ASCII Standard -VERSION 2.0
 WRAP .                       YES: Multiple lines per depth step
~Well Information Block
#MNEM.UNIT       Data                        Description of Mnemonic
#----.----      -------------------------- : -----------------------------
 UWI  .              15-187-20743: Unique Well Id
 PM   .                         6: Principal Meridian
 STAT .                    Kansas: State
 SECT .                        28: Section
 TOWN .                       30S: Township
 RANG .                       39W: Range
 COUN .                   STANTON: County Name
 COMP .                AMOCO PROD: Company
 WELL .                      1-28: Well Name
 LEAS .               COLLINGWOOD: Lease Name
 FLD  .                  NICHOLAS: Field
 STRT .FT               1783.5000: Start Depth
 STOP .FT               1784.5000: End Depth
 STEP .FT                  0.2500: Depth Increment
 NULL .                   -999.25: NULL Value
 LOC  .       C,NW,NE, 28-30S-39W: WELL LOCATION
 CTRY .             UNITED STATES: COUNTRY
 SRVC .                       HAL: LOGGING SERVICE COMPANY
 DATE .                 31-MAY-94: DATE LOGGED
 API  .              151872074300: API NUMBER
 LIC  .                   2074300: ERCB LICENSE NUMBER
~Curve Information Block
#MNEM.UNIT            API CODE               Curve Description
#----.----          LG--CV-CL--M           : -----------------
 DEPT .FT             0   1  0  0: 1 DEPTH
 GSGR .API           31 310  0  0: 2 GAMMA RAY
 GSTK .API           31 797  0  0: 3 ????????
 GST  .API           99 999 99  0: 4 ????????
 GSK  .PERCNT        31 721  1  0: 5 ????????
 GSTH .PPM           31 790  0  0: 6 THORIUM
 GSUR .PPM           31 792  0  0: 7 URANIUM
 NCNPL.PERCNT        42 890  1  0: 8 NEUTRON POROSITY (LIMESTONE)
 DLDPL.PERCNT        43 890 10  0: 9 DENSITY POROSITY (LIMESTONE)
 DLDC .GM/CC         43 356  0  0: 10 DENSITY CORRECTION
 DLPE .B/E           43 358  0  0: 11 PHOTO-ELECTRIC EFFECT
 DLDN .GM/CC         43 350  0  0: 12 BULK DENSITY
 DLCL .INCHES        43 280  0  0: 13 CALIPER
 DLTN .LBS           43 635  0  0: 14 ????????
 IDGR .API            7 310  0  0: 15 GAMMA RAY
 ACCL1.INCHES        60 280  1  0: 16 DENSITY CALIPER
 ACCL2.INCHES        60 280  2  0: 17 NEUTRON CALIPER
 ACTC .US/FT         60 520  0  0: 18 SONIC INTERVAL TRANSIT TIME (COMPENSATED)
 ACAPL.PERCNT        60 890 20  0: 19 POROSITY
 IDIM .OHMM           7 120 44  0: 20 MEDIUM INDUCTION
 IDID .OHMM           7 120 46  0: 21 DEEP INDUCTION
 IDIDC.MMHOS          7 110 46  0: 22 INDUCTION (CONDUCTIVITY UNITS)
 IDL3 .OHMM           7 220  3  0: 23 FOCUSSED RESISTIVITY
~Parameter Information Block
#MNEM.UNIT       Data                        Description of Mnemonic
#----.----      -------------------------- : -----------------------------
 RUN  .                        99: Run Number
 GL   .FT               3190.0000: Ground Level Elevation
 DREF .                        KB: Depth Reference
 EREF .FT               3210.0000: Elevation of Depth Reference
 CSGL .FT               1791.0000: Casing Bottom Logger
 CSGD .FT                  0.0000: Casing Bottom Driller
 CSGS .IN                  8.6250: Casing Size
 CSGW .LBS                 0.0000: Casing Weight
 BHT  .DEGF              125.0000: Bottom Hole Temperature
 BS   .IN                  7.8750: Bit Size
 RM   .OHMM                2.1100: Mud Resistivity
 RMT  .DEGF               80.0000: Mud Resistivity Temperature
 RMF  .OHMM                1.5800: Mud Filtrate Resistivity
 RMFT .DEGF               80.0000: RMF Temperature
 RMC  .OHMM                2.7400: Mud Cake Resistivity
 RMCT .DEGF               80.0000: RMC Temperature
 LAT  .                  37.41565: Latitude
 LONG .                -101.58701: Longitude
#    DEPTH
#     GSGR       GSTK       GST        GSK        GSTH       GSUR       NCNPL
#     DLDPL      DLDC       DLPE       DLDN       DLCL       DLTN       IDGR
#     ACCL1      ACCL2      ACTC       ACAPL      IDIM       IDID       IDIDC
#     IDL3       IDTN       IDSP       MEL1       ME
~Asc DEPTH
 1783.5000
  -999.2500  -999.2500  -999.2500  -999.2500  -999.2500  -999.2500  -999.2500
  -999.2500  -999.2500  -999.2500  -999.2500  -999.2500  -999.2500    50.6465
     8.3871     8.4396    55.1000     0.0569   560.0000   175.0000     0.0500
     0.4533  1893.0420    92.6050  -999.2500  -999.2500
 1783.7500
